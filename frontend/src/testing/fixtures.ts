/** Example API payloads shaped by the generated schema types. */
import type { components } from '@/api/schema';

export const ME: components['schemas']['Profile'] = {
  id: 7,
  email: 'wei.zhang@example.org',
  full_name: 'Zhang Wei',
  native_name: '张伟',
  preferred_language: 'en',
  country: 'CN',
  is_name_in_credentials: true,
  date_joined: '2026-03-14T09:30:00Z',
  memberships: [
    {
      organization: {
        slug: 'rhine-institute',
        name: 'Rhine Institute of Production Technology',
        kind: 'institution',
        country: 'DE',
      },
      role: 'author',
    },
  ],
};

export const PLC_COURSE: components['schemas']['CatalogCourse'] = {
  slug: 'plc-iec-61131-3',
  code: 'RVTU-PLC-101',
  title: 'PLC Programming with IEC 61131-3',
  summary: 'Learn how programmable logic controllers execute their scan cycle.',
  served_language: 'en',
  primary_language: 'en',
  languages: ['en', 'de'],
  level: 'beginner',
  estimated_hours: 12,
  institutions: [
    { slug: 'rhine-valley-tu', name: 'Rhine Valley Technical University', country: 'DE' },
  ],
  competencies: ['AUT.HMI', 'AUT.PLC'],
  version: 1,
  published_at: '2026-03-02T10:00:00Z',
  cover: {
    sources: [
      {
        type: 'image/avif',
        srcset: '/media/covers/1/abc/480.avif 480w, /media/covers/1/abc/960.avif 960w',
      },
      {
        type: 'image/webp',
        srcset: '/media/covers/1/abc/480.webp 480w, /media/covers/1/abc/960.webp 960w',
      },
    ],
    src: '/media/covers/1/abc/960.jpg',
    srcset: '/media/covers/1/abc/480.jpg 480w, /media/covers/1/abc/960.jpg 960w',
    width: 960,
    height: 540,
  },
};

/** Primary language Chinese, not offered in English beyond its title: served in Chinese. */
export const VISION_COURSE: components['schemas']['CatalogCourse'] = {
  slug: 'machine-vision-quality-inspection',
  code: 'HXP-VIS-230',
  title: '面向质量检测的机器视觉',
  summary: '从照明、光学到深度学习缺陷检测。',
  served_language: 'zh-hans',
  primary_language: 'zh-hans',
  languages: ['zh-hans'],
  level: 'intermediate',
  estimated_hours: 16,
  institutions: [
    {
      slug: 'huaxia-polytechnic',
      name: 'Huaxia Polytechnic Institute of Intelligent Manufacturing',
      country: 'CN',
    },
    { slug: 'rhine-valley-tu', name: 'Rhine Valley Technical University', country: 'DE' },
  ],
  competencies: ['VIS.INS'],
  version: 2,
  published_at: '2026-04-11T08:00:00Z',
  cover: null,
};

export const COURSE_PAGE: components['schemas']['PaginatedCatalogCourseList'] = {
  count: 2,
  next: null,
  previous: null,
  results: [PLC_COURSE, VISION_COURSE],
};

export const COMPETENCIES: components['schemas']['Competency'][] = [
  {
    code: 'AUT',
    parent: null,
    name: 'Automation and control',
    description: '',
    served_language: 'en',
    standards: [],
  },
  {
    code: 'VIS',
    parent: null,
    name: 'Machine vision and quality',
    description: '',
    served_language: 'en',
    standards: [],
  },
  {
    code: 'AUT.PLC',
    parent: 'AUT',
    name: 'PLC programming (IEC 61131-3)',
    description: '',
    served_language: 'en',
    standards: ['IEC 61131-3'],
  },
  {
    code: 'AUT.HMI',
    parent: 'AUT',
    name: 'HMI and SCADA',
    description: '',
    served_language: 'en',
    standards: [],
  },
  {
    code: 'VIS.INS',
    parent: 'VIS',
    name: 'Automated visual inspection',
    description: '',
    served_language: 'en',
    standards: [],
  },
];

export const INSTITUTIONS: components['schemas']['PaginatedOrganizationList'] = {
  count: 3,
  next: null,
  previous: null,
  results: [
    {
      slug: 'rhine-valley-tu',
      name: 'Rhine Valley Technical University',
      kind: 'institution',
      country: 'DE',
      website: '',
      logo: null,
    },
    {
      slug: 'huaxia-polytechnic',
      name: 'Huaxia Polytechnic Institute of Intelligent Manufacturing',
      kind: 'institution',
      country: 'CN',
      website: '',
      logo: null,
    },
    {
      slug: 'kansai-industrial',
      name: 'Kansai College of Industrial Systems',
      kind: 'institution',
      country: 'JP',
      website: '',
      logo: null,
    },
  ],
};

export const PLC_COURSE_DETAIL: components['schemas']['CourseDetail'] = {
  slug: 'plc-iec-61131-3',
  code: 'RVTU-PLC-101',
  version: 3,
  title: 'PLC Programming with IEC 61131-3',
  summary: 'Learn how programmable logic controllers execute their scan cycle.',
  description_html:
    '<p>This course introduces the <strong>programmable logic controller</strong>.</p>',
  served_language: 'en',
  primary_language: 'en',
  languages: ['en', 'de'],
  level: 'beginner',
  estimated_hours: 12,
  total_duration_minutes: 215,
  pass_mark: 70,
  certificate_validity_months: 24,
  published_at: '2026-03-02T10:00:00Z',
  institutions: [
    { slug: 'rhine-valley-tu', name: 'Rhine Valley Technical University', country: 'DE' },
  ],
  competencies: [
    { code: 'AUT.PLC', name: 'PLC programming (IEC 61131-3)' },
    { code: 'AUT.HMI', name: 'HMI and SCADA' },
  ],
  prerequisites: [
    { slug: 'industrial-data-ai-foundations', title: 'Industrial Data and AI Foundations' },
  ],
  modules: [
    {
      key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a01',
      title: 'PLC Fundamentals and the Scan Cycle',
      lessons: [
        {
          key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a02',
          title: 'How a PLC Works: the Scan Cycle',
          kind: 'text',
          is_required: true,
          duration_minutes: 20,
          question_count: null,
          is_preview: false,
        },
        {
          key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03',
          title: 'Video: a Scan Cycle in Slow Motion',
          kind: 'video',
          is_required: true,
          duration_minutes: 12,
          question_count: null,
          is_preview: true,
        },
        {
          key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a04',
          title: 'Cheat Sheet: IEC 61131-3 Data Types',
          kind: 'resource',
          is_required: false,
          duration_minutes: 5,
          question_count: null,
          is_preview: false,
        },
      ],
    },
    {
      key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a05',
      title: 'Structured Text and Sequential Function Chart',
      lessons: [
        {
          key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a06',
          title: 'State Machines in Structured Text',
          kind: 'text',
          is_required: true,
          duration_minutes: 120,
          question_count: null,
          is_preview: false,
        },
        {
          key: '0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a07',
          title: 'Final Quiz',
          kind: 'quiz',
          is_required: true,
          duration_minutes: 58,
          question_count: 8,
          is_preview: false,
        },
      ],
    },
  ],
  cover: null,
};
