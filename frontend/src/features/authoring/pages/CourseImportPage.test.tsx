/** The course import screen: upload with progress, polling, the fidelity report, confirmation, and
 * the failures (too large, refused with its report). */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { UploadError } from '@/lib/http';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { CourseImport, FidelityReport } from '../types';
import { CourseImportPage } from './CourseImportPage';

// The upload goes through XMLHttpRequest (`uploadFile`), which jsdom cannot send as multipart:
// held open here until the test answers, reporting a quarter of the file sent. Saved files are kept.
const http = vi.hoisted(() => ({
  uploads: [] as { path: string; file: File; fields: Record<string, string> }[],
  finish: null as null | ((answer: Promise<unknown>) => void),
  saved: [] as { content: unknown; fileName: string; type: string }[],
}));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (
    path: string,
    file: File,
    onProgress: (share: number) => void,
    fields: Record<string, string>,
  ) => {
    http.uploads.push({ path, file, fields });
    onProgress(0.25);
    return new Promise((resolve) => {
      http.finish = resolve;
    });
  },
  saveFile: (content: unknown, fileName: string, type: string) => {
    http.saved.push({ content, fileName, type });
  },
}));

const IMPORT_ID = '44444444-4444-4444-8444-444444444444';
const IMPORT_PATH = `/api/v1/authoring/interchange/imports/${IMPORT_ID}`;
const INSTITUTIONS = [
  { slug: 'rvtu', name: 'Rhine Valley Technical University' },
  { slug: 'ssi', name: 'Shenzhen Smart Institute' },
];

const REPORT: FidelityReport = {
  format: 'imscc',
  course: { slug: 'robot-cells', title: 'Robot Cells' },
  counts: {
    module: { found: 2, imported: 2, approximated: 0, not_imported: 0 },
    link: { found: 1, imported: 0, approximated: 1, not_imported: 0 },
    placeholder: { found: 1, imported: 0, approximated: 0, not_imported: 1 },
    'question:essay': { found: 1, imported: 0, approximated: 0, not_imported: 1 },
  },
  items: [
    {
      kind: 'module',
      title: 'Basics',
      source: 'imsmanifest.xml#m1',
      status: 'imported',
      reason: '',
    },
    {
      kind: 'module',
      title: 'Community',
      source: 'imsmanifest.xml#m2',
      status: 'imported',
      reason: '',
    },
    {
      kind: 'link',
      title: 'ISO overview',
      source: 'link.xml#i3',
      status: 'approximated',
      reason: 'A web link becomes a text lesson holding the link.',
    },
    {
      kind: 'placeholder',
      title: 'Introduce yourself',
      source: 'topic.xml#i5',
      status: 'not_imported',
      reason: 'Discussion topics have no equivalent: kept as a placeholder lesson.',
    },
    {
      kind: 'question:essay',
      title: 'essay',
      source: 'quiz/assessment.xml#essay',
      status: 'not_imported',
      reason: 'The platform does not grade essay questions.',
    },
  ],
};

function importOf(change: Partial<CourseImport> = {}): CourseImport {
  return {
    id: IMPORT_ID,
    organisation: 'rvtu',
    format: 'imscc',
    filename: 'robot-cells.imscc',
    size: 4096,
    state: 'queued',
    stage: '',
    items_done: 0,
    items_total: 0,
    report: null,
    course_slug: null,
    version_number: null,
    created_at: '2026-12-07T09:30:00Z',
    updated_at: '2026-12-07T09:30:00Z',
    ...change,
  };
}

function cartridge(): File {
  return new File(['PK'], 'robot-cells.imscc', { type: 'application/zip', lastModified: 1 });
}

describe('CourseImportPage', () => {
  beforeEach(() => {
    http.uploads.length = 0;
    http.saved.length = 0;
    http.finish = null;
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it('uploads for the chosen institution, follows the analysis, shows the report, and confirms', async () => {
    let current = importOf({ state: 'analysing', stage: 'reading', items_done: 1, items_total: 4 });
    const server = mockFetch({
      [`GET ${IMPORT_PATH}`]: () => jsonResponse(current),
      [`POST ${IMPORT_PATH}/confirm`]: () => {
        current = importOf({ state: 'importing', stage: 'writing', report: REPORT });
        return jsonResponse(current, 202);
      },
      'GET /api/v1/authoring/courses/': () => jsonResponse([]),
    });
    const { user } = renderComponent(<CourseImportPage institutions={INSTITUTIONS} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Import a course' })).toBeInTheDocument();
    expect(screen.getByText(/IMS Common Cartridge 1\.1, 1\.2 and 1\.3/)).toBeInTheDocument();
    await user.selectOptions(
      screen.getByLabelText('Institution that will own the course'),
      'Shenzhen Smart Institute',
    );
    await user.upload(screen.getByLabelText('Common Cartridge file'), cartridge());
    expect(http.uploads.map(({ path, file, fields }) => [path, file.name, fields])).toEqual([
      ['/api/v1/authoring/interchange/imports', 'robot-cells.imscc', { organisation: 'ssi' }],
    ]);
    expect(screen.getByRole('progressbar', { name: /robot-cells\.imscc/ })).toHaveAttribute(
      'aria-valuenow',
      '25',
    );

    http.finish?.(Promise.resolve(importOf({ organisation: 'ssi' })));
    const status = await screen.findByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    await waitFor(() => {
      expect(status).toHaveTextContent('Analysing: reading the outline, 1 of 4 items');
    });
    expect(screen.getByRole('progressbar', { name: 'Items read' })).toHaveAttribute(
      'aria-valuenow',
      '25',
    );

    current = importOf({
      state: 'ready',
      stage: 'reading',
      items_done: 4,
      items_total: 4,
      report: REPORT,
    });
    const heading = await screen.findByRole(
      'heading',
      { level: 2, name: 'Ready to import' },
      { timeout: 5000 },
    );
    await waitFor(() => {
      expect(heading).toHaveFocus();
    });

    const counts = screen.getByRole('table', { name: 'What was found, by kind' });
    expect(
      within(counts)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Kind', 'Found', 'Imported', 'Approximated', 'Not imported']);
    expect(
      within(counts)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.textContent),
    ).toEqual(['Module2200', 'Web link1010', 'Placeholder1001', 'Question (essay)1001']);

    const items = screen.getByRole('table', { name: 'Items: 5 of 5 shown' });
    const link = within(items).getByRole('row', { name: /ISO overview/ });
    expect(within(link).getByText('Approximated')).toHaveClass('badge--fidelity-approximated');
    expect(link).toHaveTextContent('A web link becomes a text lesson holding the link.');
    expect(link).toHaveTextContent('link.xml#i3');

    await user.click(screen.getByRole('radio', { name: 'Not imported (2)' }));
    const filtered = screen.getByRole('table', { name: 'Items: 2 of 2 shown' });
    expect(
      within(filtered)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[2]?.textContent),
    ).toEqual(['Introduce yourself', 'essay']);

    await user.click(screen.getByRole('button', { name: 'Download report (JSON)' }));
    expect(http.saved).toHaveLength(1);
    expect(http.saved[0]?.fileName).toBe('robot-cells-report.json');
    expect(http.saved[0]?.type).toBe('application/json');
    expect(JSON.parse(String(http.saved[0]?.content))).toEqual(REPORT);

    await user.click(screen.getByRole('button', { name: 'Create draft course' }));
    expect(server.requestsTo(`POST ${IMPORT_PATH}/confirm`)).toHaveLength(1);
    await screen.findByRole('heading', { level: 2, name: 'Creating the draft course' });

    current = importOf({
      state: 'imported',
      report: REPORT,
      course_slug: 'robot-cells',
      version_number: 1,
    });
    const open = await screen.findByRole(
      'link',
      { name: 'Open “Robot Cells” in the studio' },
      { timeout: 5000 },
    );
    expect(open).toHaveAttribute('href', '/studio/courses/robot-cells');
    expect(screen.getByRole('status')).toHaveTextContent('The draft course has been created.');
    expect(screen.queryByRole('button', { name: 'Create draft course' })).not.toBeInTheDocument();
  });

  it('shows a refused cartridge as refused, with its report', async () => {
    const refusal: FidelityReport = {
      format: 'imscc',
      course: null,
      counts: { archive: { found: 1, imported: 0, approximated: 0, not_imported: 1 } },
      items: [
        {
          kind: 'archive',
          title: '',
          source: '../evil.html',
          status: 'not_imported',
          reason: 'The archive has a name outside its folder.',
        },
      ],
    };
    mockFetch({
      [`GET ${IMPORT_PATH}`]: () => jsonResponse(importOf({ state: 'failed', report: refusal })),
    });
    const { user } = renderComponent(<CourseImportPage institutions={INSTITUTIONS} />);
    await user.upload(screen.getByLabelText('Common Cartridge file'), cartridge());
    http.finish?.(Promise.resolve(importOf()));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'The cartridge was refused and nothing was written. The report below says why.',
    );
    expect(
      screen.getByRole('heading', { level: 2, name: 'Cartridge refused' }),
    ).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Items: 1 of 1 shown' })).getByRole(
      'row',
      { name: /evil/ },
    );
    expect(row).toHaveTextContent('The archive has a name outside its folder.');
    expect(screen.queryByRole('button', { name: 'Create draft course' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(screen.getByLabelText('Common Cartridge file')).toBeEnabled();
  });

  it('says in the reader’s language when the file is too large for the server', async () => {
    await i18n.changeLanguage('de');
    mockFetch({});
    const { user } = renderComponent(<CourseImportPage institutions={INSTITUTIONS} />);
    await user.upload(screen.getByLabelText('Common-Cartridge-Datei'), cartridge());
    http.finish?.(
      Promise.reject(
        new UploadError(413, { detail: 'The upload is too large.', code: 'too_large' }),
      ),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Die Datei ist größer, als der Server annimmt.');
    expect(alert).not.toHaveTextContent('The upload is too large.');
  });

  it('says so when the network fails during the upload', async () => {
    mockFetch({});
    const { user } = renderComponent(<CourseImportPage institutions={INSTITUTIONS} />);
    await user.upload(screen.getByLabelText('Common Cartridge file'), cartridge());
    const { ApiError, NETWORK_ERROR_CODE } = await import('@/lib/api-error');
    http.finish?.(
      Promise.reject(new ApiError({ status: 0, code: NETWORK_ERROR_CODE, detail: '' })),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(i18n.t('errors.network'));
    expect(http.uploads).toHaveLength(1);
  });
});
