/** A package lesson's zip: the report from the course detail (no request per lesson), upload
 * progress, storing progress polled until ready, and a refusal's problems with their paths. */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { UploadError } from '@/lib/http';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { ElearningPackageReport as PackageReport } from '../types';
import { ElearningPackageUpload } from './ElearningPackageUpload';

// The upload goes through XMLHttpRequest (`uploadFile`), which jsdom cannot send as multipart:
// held open here until the test answers, reporting half of the file sent.
const upload = vi.hoisted(() => ({
  calls: [] as { path: string; file: File }[],
  finish: null as null | ((answer: Promise<unknown>) => void),
}));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (path: string, file: File, onProgress: (share: number) => void) => {
    upload.calls.push({ path, file });
    onProgress(0.5);
    return new Promise((resolve) => {
      upload.finish = resolve;
    });
  },
}));

const LESSON = '11111111-1111-4111-8111-111111111111';
const PACKAGE_PATH = `/api/v1/authoring/courses/plc/lessons/${LESSON}/package`;
const COURSE_PATH = '/api/v1/authoring/courses/plc/';
const NOT_FOUND = () => jsonResponse({ detail: 'Not found.', code: 'not_found' }, 404);

/** The authoring course detail, as far as the package lessons go: their reports by lesson key. */
function courseWith(packages: Record<string, PackageReport>) {
  return () => jsonResponse({ slug: 'plc', title: 'PLC basics', packages });
}

function reportOf(change: Partial<PackageReport> = {}): PackageReport {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    state: 'ready',
    progress_percent: 100,
    standard: 'scorm_2004',
    edition: '4th',
    title: 'Lockout / tagout',
    launch_path: 'index.html',
    mastery_score: 80,
    items: [
      {
        identifier: 'sco-1',
        title: 'Lockout basics',
        launch_path: 'sco1/index.html?start=1',
        mastery_score: 80,
        move_on: null,
      },
    ],
    file_count: 12,
    size: 2 * 1024 * 1024,
    problems: [],
    uploaded_at: '2026-12-07T09:30:00Z',
    ...change,
  };
}

function zipFile(): File {
  return new File(['PK'], 'lockout.zip', { type: 'application/zip', lastModified: 1 });
}

describe('ElearningPackageUpload', () => {
  beforeEach(() => {
    upload.calls.length = 0;
    upload.finish = null;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says when no package is uploaded yet, from the course detail alone', async () => {
    const server = mockFetch({
      [`GET ${COURSE_PATH}`]: courseWith({}),
      [`GET ${PACKAGE_PATH}`]: NOT_FOUND,
    });
    renderComponent(<ElearningPackageUpload slug="plc" lessonKey={LESSON} />);
    expect(await screen.findByText(/No package uploaded yet/)).toBeInTheDocument();
    expect(server.requestsTo(`GET ${PACKAGE_PATH}`)).toEqual([]);
  });

  it("asks for the lesson's report itself when the course detail failed", async () => {
    const server = mockFetch({
      [`GET ${COURSE_PATH}`]: NOT_FOUND,
      [`GET ${PACKAGE_PATH}`]: () => jsonResponse(reportOf({ title: 'Asked alone' })),
    });
    renderComponent(<ElearningPackageUpload slug="plc" lessonKey={LESSON} />);
    expect(await screen.findByText('Asked alone')).toBeInTheDocument();
    expect(server.requestsTo(`GET ${PACKAGE_PATH}`)).toHaveLength(1);
  });

  it('uploads a zip with progress, then polls the storing until the report is ready', async () => {
    let current: PackageReport = reportOf({ state: 'storing', progress_percent: 40 });
    const server = mockFetch({
      [`GET ${COURSE_PATH}`]: courseWith({ [LESSON]: current }),
      [`GET ${PACKAGE_PATH}`]: () => jsonResponse(current),
    });
    const { user } = renderComponent(<ElearningPackageUpload slug="plc" lessonKey={LESSON} />);
    await screen.findByText('Storing the package: 40%');

    await user.upload(screen.getByLabelText('SCORM or cmi5 package (.zip)'), zipFile());
    expect(upload.calls.map(({ path, file }) => [path, file.name])).toEqual([
      [PACKAGE_PATH, 'lockout.zip'],
    ]);
    expect(screen.getByRole('progressbar', { name: /lockout\.zip/ })).toHaveAttribute(
      'aria-valuenow',
      '50',
    );
    current = reportOf({ state: 'storing', progress_percent: 10 });
    upload.finish?.(Promise.resolve(current));
    await screen.findByText('Storing the package: 10%');

    current = reportOf();
    await screen.findByText('The package is ready: learners can play it.', undefined, {
      timeout: 10_000,
    });
    expect(server.requestsTo(`GET ${PACKAGE_PATH}`).length).toBeGreaterThanOrEqual(1);

    const report = screen.getByTestId('elearning-report');
    expect(within(report).getByText('SCORM 2004 · edition 4')).toBeInTheDocument();
    expect(within(report).getByText('Lockout / tagout')).toBeInTheDocument();
    expect(within(report).getByText('index.html')).toBeInTheDocument();
    expect(within(report).getByText('12 files, 2 MB unpacked')).toBeInTheDocument();
    const sco = within(report).getByRole('row', { name: /Lockout basics/ });
    expect(within(sco).getByText('sco1/index.html?start=1')).toBeInTheDocument();
    expect(within(sco).getByText('80%')).toBeInTheDocument();
  });

  it("shows a refused package's problems with their paths", async () => {
    mockFetch({ [`GET ${COURSE_PATH}`]: courseWith({}) });
    const { user } = renderComponent(<ElearningPackageUpload slug="plc" lessonKey={LESSON} />);
    await screen.findByText(/No package uploaded yet/);
    await user.upload(screen.getByLabelText('SCORM or cmi5 package (.zip)'), zipFile());
    upload.finish?.(
      Promise.reject(
        new UploadError(400, {
          detail: 'The package was refused: 2 problems.',
          code: 'package_refused',
          problems: [
            {
              code: 'missing_file',
              message: 'The manifest names a file the zip does not have.',
              path: 'sco1/missing.html',
            },
            { code: 'no_manifest', message: 'There is no imsmanifest.xml.', path: null },
          ],
        }),
      ),
    );
    const refusal = await screen.findByTestId('elearning-refusal');
    expect(refusal).toHaveAttribute('role', 'alert');
    expect(refusal).toHaveTextContent('The package was refused: 2 problems.');
    expect(
      within(refusal)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'sco1/missing.html The manifest names a file the zip does not have.',
      'There is no imsmanifest.xml.',
    ]);
    await waitFor(() => {
      expect(screen.getByLabelText('SCORM or cmi5 package (.zip)')).toBeEnabled();
    });
  });

  it('lists the warnings of an accepted package and the AUs of a cmi5 one', async () => {
    const server = mockFetch({
      [`GET ${COURSE_PATH}`]: courseWith({
        [LESSON]: reportOf({
          standard: 'cmi5',
          edition: '',
          items: [
            {
              identifier: 'au-1',
              title: 'Intro AU',
              launch_path: 'au/index.html',
              mastery_score: null,
              move_on: 'CompletedOrPassed',
            },
          ],
          problems: [
            { code: 'unreferenced_file', message: 'Nothing uses this file.', path: 'extra.txt' },
          ],
        }),
      }),
    });
    renderComponent(<ElearningPackageUpload slug="plc" lessonKey={LESSON} />);
    const warnings = await screen.findByTestId('elearning-warnings');
    expect(server.requestsTo(`GET ${PACKAGE_PATH}`)).toEqual([]);
    expect(warnings).toHaveTextContent('extra.txt Nothing uses this file.');
    expect(screen.getByRole('table', { name: 'AUs (assignable units)' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'CompletedOrPassed' })).toBeInTheDocument();
    expect(screen.getByText('cmi5')).toBeInTheDocument();
  });

  it('shows an upload failed for another reason (too large) with its detail', async () => {
    mockFetch({ [`GET ${COURSE_PATH}`]: courseWith({}) });
    const { user } = renderComponent(<ElearningPackageUpload slug="plc" lessonKey={LESSON} />);
    await screen.findByText(/No package uploaded yet/);
    await user.upload(screen.getByLabelText('SCORM or cmi5 package (.zip)'), zipFile());
    upload.finish?.(
      Promise.reject(new UploadError(413, { detail: 'The package is larger than 500 MB.' })),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The package is larger than 500 MB.',
    );
    expect(screen.queryByTestId('elearning-refusal')).not.toBeInTheDocument();
  });
});
