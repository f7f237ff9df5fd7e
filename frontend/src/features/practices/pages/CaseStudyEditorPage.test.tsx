/** The case-study editor's files: the list, an upload with progress that joins the list without
 * losing unsaved edits, a refusal in the server's words, and no upload outside a draft. */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { UploadError } from '@/lib/http';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import type { AuthoringCaseStudy, CaseStudyAttachment } from '../types';
import { CaseStudyEditorPage } from './CaseStudyEditorPage';

// Uploads go through XMLHttpRequest (`uploadFile`): held open here, at half the file, until the
// test answers.
const upload = vi.hoisted(() => ({
  calls: [] as {
    path: string;
    file: File;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[],
}));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (path: string, file: File, onProgress: (share: number) => void) => {
    onProgress(0.5);
    return new Promise((resolve, reject) => {
      upload.calls.push({ path, file, resolve, reject });
    });
  },
}));

const DETAIL_PATH = '/api/v1/authoring/practices/valve-retrofit/';
const UPLOAD_PATH = '/api/v1/authoring/practices/valve-retrofit/attachments';

const MANUAL: CaseStudyAttachment = {
  id: 1,
  filename: 'manual.pdf',
  content_type: 'application/pdf',
  size: 3 * 1024 * 1024,
  url: '/media/practices/manual.pdf',
};

function caseStudy(change: Partial<AuthoringCaseStudy> = {}): AuthoringCaseStudy {
  return {
    slug: 'valve-retrofit',
    title: 'Valve retrofit',
    state: 'draft',
    allowed_actions: ['submit'],
    organization: { slug: 'rhine-institute', name: 'Rhine Institute', country: 'DE' },
    primary_language: 'en',
    languages: ['en'],
    translations: {
      en: {
        title: 'Valve retrofit',
        summary: '',
        problem: 'Leaks',
        solution: 'New',
        results: 'Dry',
      },
    },
    sector: 'machinery',
    country: 'DE',
    standards: [],
    competencies: [],
    linked_courses: [],
    attachments: [MANUAL],
    transitions: [],
    published_at: null,
    updated_at: '2026-12-07T10:00:00Z',
    ...change,
  } as AuthoringCaseStudy;
}

function showEditor(answer: AuthoringCaseStudy) {
  mockFetch({
    [`GET ${DETAIL_PATH}`]: () => jsonResponse(answer),
    'GET /api/v1/standards/': () => jsonResponse([]),
    'GET /api/v1/competencies/': () => jsonResponse([]),
  });
  return renderRoute(
    '/studio/practices/:slug',
    '/studio/practices/valve-retrofit',
    <CaseStudyEditorPage organizations={[]} />,
  );
}

describe('CaseStudyEditorPage files', () => {
  beforeEach(() => {
    upload.calls.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists the files and adds an uploaded one, keeping unsaved edits', async () => {
    const { user } = showEditor(caseStudy());
    const files = await screen.findByRole('region', { name: 'Files' });
    expect(within(files).getByRole('link', { name: 'manual.pdf' })).toHaveAttribute(
      'href',
      '/media/practices/manual.pdf',
    );
    expect(within(files).getByText('3 MB')).toBeInTheDocument();

    const title = screen.getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Valve retrofit, unsaved');
    await user.upload(
      within(files).getByLabelText('Attach a file'),
      new File(['a,b'], 'readings.csv', { type: 'text/csv' }),
    );
    expect(upload.calls.map(({ path, file }) => [path, file.name])).toEqual([
      [UPLOAD_PATH, 'readings.csv'],
    ]);
    expect(
      within(files).getByRole('progressbar', { name: 'Uploading readings.csv' }),
    ).toHaveAttribute('value', '0.5');

    upload.calls[0]?.resolve({
      id: 2,
      filename: 'readings.csv',
      content_type: 'text/csv',
      size: 3,
      url: '/media/practices/readings.csv',
    });
    expect(await within(files).findByRole('status')).toHaveTextContent('readings.csv is attached.');
    expect(within(files).getByRole('link', { name: 'readings.csv' })).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('Valve retrofit, unsaved');
  });

  it("announces the server's refusal and lists nothing new", async () => {
    const { user } = showEditor(caseStudy());
    const files = await screen.findByRole('region', { name: 'Files' });
    await user.upload(
      within(files).getByLabelText('Attach a file'),
      new File(['MZ'], 'tool.exe', { type: 'application/octet-stream' }),
    );
    upload.calls[0]?.reject(
      new UploadError(400, {
        detail: 'Dieser Dateityp wird nicht angenommen.',
        code: 'unsupported_type',
      }),
    );
    expect(await within(files).findByRole('alert')).toHaveTextContent(
      'Dieser Dateityp wird nicht angenommen.',
    );
    expect(within(files).getAllByRole('link')).toHaveLength(1);
  });

  it('offers no upload once the case study left the draft state', async () => {
    showEditor(caseStudy({ state: 'in_review', allowed_actions: [] }));
    const files = await screen.findByRole('region', { name: 'Files' });
    expect(within(files).getByRole('link', { name: 'manual.pdf' })).toBeInTheDocument();
    expect(within(files).queryByLabelText('Attach a file')).not.toBeInTheDocument();
  });
});
