/** The course page: facts, description, competencies, outline, languages and the 404 state. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, SIGNED_OUT } from '@/testing/fetch-mock';
import { PLC_COURSE_DETAIL } from '@/testing/fixtures';
import { renderApp } from '@/testing/render';

/** Open, no limit, no window: the panel shows the log-in links only. */
const ENROLLMENT_STATE = {
  course: 'plc-iec-61131-3',
  enrollment_opens_at: null,
  enrollment_closes_at: null,
  is_open: true,
  capacity: null,
  places_left: null,
  my_enrollment: null,
  missing_prerequisites: null,
};

/** The facts list as [term, description] pairs, in order. */
function facts(): [string, string][] {
  const list = screen.getByRole('heading', { level: 2, name: 'At a glance' })
    .nextElementSibling as HTMLElement;
  return Array.from(list.children).map((row) => [
    row.querySelector('dt')?.textContent ?? '',
    row.querySelector('dd')?.textContent ?? '',
  ]);
}

describe('CoursePage', () => {
  it('shows the course, its facts and its outline with exact texts', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/courses/plc-iec-61131-3/enrollment': () => jsonResponse(ENROLLMENT_STATE),
      'GET /api/v1/courses/plc-iec-61131-3/': () => jsonResponse(PLC_COURSE_DETAIL),
    });
    renderApp('/courses/plc-iec-61131-3');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'PLC Programming with IEC 61131-3' }),
    ).toHaveAttribute('lang', 'en');
    expect(document.title).toBe('PLC Programming with IEC 61131-3 · ICIM Academy');
    expect(screen.getByText('RVTU-PLC-101')).toBeVisible();
    expect(screen.getByText('Available in: English, German')).toBeVisible();
    expect(screen.queryByText(/Not offered in English/)).toBeNull();
    expect(screen.getByText('programmable logic controller').tagName).toBe('STRONG');
    expect(facts()).toEqual([
      ['Offered by', 'Rhine Valley Technical University · Germany'],
      ['Level', 'Beginner'],
      ['Estimated effort', '12 hours'],
      ['Lessons in total', '3 hr, 35 min'],
      ['Pass mark', '70%'],
      ['Certificate validity', '24 months'],
      ['Version', 'Version 3, published March 2, 2026'],
    ]);
    expect(screen.getByRole('link', { name: 'Rhine Valley Technical University' })).toHaveAttribute(
      'href',
      '/institutions/rhine-valley-tu',
    );

    const competencies = screen.getByRole('heading', { name: 'Competencies you develop' })
      .parentElement as HTMLElement;
    expect(
      within(competencies)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['PLC programming (IEC 61131-3)', '/courses?competency=AUT.PLC'],
      ['HMI and SCADA', '/courses?competency=AUT.HMI'],
    ]);
    expect(
      screen.getByRole('link', { name: 'Industrial Data and AI Foundations' }),
    ).toHaveAttribute('href', '/courses/industrial-data-ai-foundations');

    // Anonymous visitors are asked to log in first, and come back here afterwards.
    expect(await screen.findByRole('link', { name: 'Log in to enrol' })).toHaveAttribute(
      'href',
      '/login?next=%2Fcourses%2Fplc-iec-61131-3',
    );

    const outline = screen.getByRole('heading', { level: 2, name: 'Course outline' })
      .parentElement as HTMLElement;
    expect(within(outline).getByText('2 modules · 5 lessons · 3 hr, 35 min')).toBeVisible();
    expect(
      within(outline)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual([
      'PLC Fundamentals and the Scan Cycle',
      'Structured Text and Sequential Function Chart',
    ]);
    const [firstModule, secondModule] = within(outline)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.parentElement as HTMLElement);
    expect(within(firstModule as HTMLElement).getByText('Module 1')).toBeVisible();
    expect(within(firstModule as HTMLElement).getByText('3 lessons · 37 min')).toBeVisible();
    const lessonTexts = (module: HTMLElement | undefined) =>
      within(within(module as HTMLElement).getByRole('list'))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    expect(lessonTexts(firstModule)).toEqual([
      'How a PLC Works: the Scan Cycle Text · 20 min',
      'Video: a Scan Cycle in Slow Motion Video · 12 min Preview',
      'Cheat Sheet: IEC 61131-3 Data Types Resource · 5 min · Optional',
    ]);
    expect(
      within(firstModule as HTMLElement).getByRole('link', {
        name: 'Preview: Video: a Scan Cycle in Slow Motion',
      }),
    ).toHaveAttribute(
      'href',
      '/courses/plc-iec-61131-3/preview/0b6d1f52-4c57-4f53-9d0e-6b4a8a3e1a03',
    );
    expect(lessonTexts(secondModule)).toEqual([
      'State Machines in Structured Text Text · 2 hr',
      'Final Quiz Quiz · 8 questions · 58 min',
    ]);
    expect(network.requestsTo('GET /api/v1/courses/plc-iec-61131-3/?lang=en')).toHaveLength(1);
  });

  it('says when the texts are in another language than the UI, and asks again after a switch', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/courses/plc-iec-61131-3/enrollment': () => jsonResponse(ENROLLMENT_STATE),
      // Not offered in Arabic: whatever the UI language, the backend serves English.
      'GET /api/v1/courses/plc-iec-61131-3/': () => jsonResponse(PLC_COURSE_DETAIL),
    });
    const { user } = renderApp('/courses/plc-iec-61131-3');
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByText(/Not offered in English/)).toBeNull();

    await user.selectOptions(screen.getByLabelText('Language'), 'ar');

    const title = await screen.findByRole('heading', {
      level: 1,
      name: 'PLC Programming with IEC 61131-3',
    });
    // English text in a right-to-left page keeps its own direction.
    expect(title).toHaveAttribute('lang', 'en');
    expect(title).toHaveAttribute('dir', 'ltr');
    // The language is named in the reader's language ("English" in Arabic), not left in English.
    expect(screen.getByText('غير متوفرة بالعربية: تُعرض باللغة الإنجليزية.')).toBeVisible();
    expect(document.documentElement).toHaveAttribute('dir', 'rtl');
    expect(await screen.findByRole('link', { name: 'سجّل الدخول للتسجيل' })).toBeVisible();
    expect(
      network.requests
        .filter((request) => request.path.startsWith('/api/v1/courses/plc-iec-61131-3/?'))
        .map((request) => request.path),
    ).toEqual([
      '/api/v1/courses/plc-iec-61131-3/?lang=en',
      '/api/v1/courses/plc-iec-61131-3/?lang=ar',
    ]);
    // The enrolment state is asked again too: prerequisite titles come in the UI language.
    expect(network.requestsTo('GET /api/v1/courses/plc-iec-61131-3/enrollment')).toHaveLength(2);
  });

  it('shows a 404 page for an unknown or unpublished course', async () => {
    mockFetch({
      'GET /api/v1/auth/session': SIGNED_OUT,
      'GET /api/v1/courses/no-such-course/': () =>
        jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404),
    });
    renderApp('/courses/no-such-course');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Course not found' }),
    ).toBeVisible();
    expect(screen.getByText('This course does not exist or is not published.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Browse the catalog' })).toHaveAttribute(
      'href',
      '/courses',
    );
    expect(document.title).toBe('Course not found · ICIM Academy');
  });
});
