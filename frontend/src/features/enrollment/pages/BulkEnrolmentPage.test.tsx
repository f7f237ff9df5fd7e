/** Staff invite learners from a CSV: the file goes up with the course, the report shows one result
 * per row (the same words for every valid address), and pending invitations can be withdrawn. */
import { screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadStaffTranslations } from '@/lib/i18n';
import { UploadError } from '@/lib/http';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { BulkEnrollReport, StaffInvitation, StaffInvitationPage } from '../types';
import { BulkEnrolmentPage } from './BulkEnrolmentPage';

const COURSES = [
  { slug: 'plc-iec-61131-3', name: 'PLC Programming with IEC 61131-3' },
  { slug: 'machine-vision', name: 'Machine Vision' },
];
const LIST = 'GET /api/v1/courses/plc-iec-61131-3/invitations';

const REPORT: BulkEnrollReport = {
  course: 'plc-iec-61131-3',
  rows: [
    { line: 2, email: 'ada@example.org', name: 'Ada Lovelace', result: 'invited' },
    { line: 3, email: 'wei@example.org', name: '', result: 'already_invited' },
    {
      line: 4,
      email: 'not-an-email',
      name: '',
      result: 'error',
      message: 'Not a valid e-mail address.',
    },
  ],
  summary: { invited: 1, already_invited: 1, error: 1 },
};

const PENDING: StaffInvitation = {
  id: 5,
  email: 'wei@example.org',
  name: 'Zhang Wei',
  state: 'open',
  sent_at: '2026-03-01T10:00:00Z',
  expires_at: '2099-03-15T10:00:00Z',
  withdrawn_at: null,
};

function page(results: StaffInvitation[]): StaffInvitationPage {
  return { count: results.length, next: null, previous: null, results };
}

// The upload goes through XMLHttpRequest (`uploadFile`), which jsdom cannot send as multipart.
const upload = vi.hoisted(() => ({
  answer: null as null | (() => Promise<unknown>),
  calls: [] as { path: string; file: File; fields: Record<string, string> }[],
}));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (
    path: string,
    file: File,
    _onProgress: (share: number) => void,
    fields: Record<string, string>,
  ) => {
    upload.calls.push({ path, file, fields });
    return upload.answer?.();
  },
}));

describe('BulkEnrolmentPage', () => {
  beforeAll(() => loadStaffTranslations());
  beforeEach(() => {
    upload.calls.length = 0;
    upload.answer = null;
  });

  it('uploads the file for the chosen course and shows the result of each row', async () => {
    const network = mockFetch({
      [LIST]: () => jsonResponse(page([])),
    });
    upload.answer = () => Promise.resolve(REPORT);
    const { user } = renderComponent(<BulkEnrolmentPage courses={COURSES} />);
    const file = new File(['email,name\nada@example.org,Ada Lovelace\n'], 'learners.csv', {
      type: 'text/csv',
    });

    expect(await screen.findByText('No pending invitations for this course.')).toBeVisible();
    await user.upload(screen.getByLabelText('CSV file'), file);
    await user.click(screen.getByRole('button', { name: 'Send invitations' }));

    const table = await screen.findByTestId('bulk-enrol-results');
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['2', 'ada@example.org', 'Ada Lovelace', 'Invitation sent'],
      ['3', 'wei@example.org', '', 'Already invited'],
      ['4', 'not-an-email', '', 'Error — Not a valid e-mail address.'],
    ]);
    expect(screen.getByTestId('bulk-summary')).toHaveTextContent(
      'Invitation sent: 1Already invited: 1Error: 1',
    );
    expect(upload.calls).toEqual([
      { path: '/api/v1/enrollments/bulk', file, fields: { course: 'plc-iec-61131-3' } },
    ]);
    // the pending list is fetched again after sending
    expect(network.requestsTo(`${LIST}?page=1`).length).toBeGreaterThanOrEqual(2);
  });

  it('lists pending invitations and withdraws one', async () => {
    let pending = [PENDING];
    const network = mockFetch({
      [LIST]: () => jsonResponse(page(pending)),
      'POST /api/v1/courses/plc-iec-61131-3/invitations/5/withdraw': () => {
        pending = [];
        return jsonResponse({
          ...PENDING,
          state: 'withdrawn',
          withdrawn_at: '2026-03-02T10:00:00Z',
        });
      },
    });
    const { user } = renderComponent(<BulkEnrolmentPage courses={COURSES} />);

    const table = await screen.findByTestId('pending-invitations');
    expect(screen.getByRole('heading', { name: '1 pending invitation' })).toBeVisible();
    expect(within(table).getByText('Zhang Wei')).toBeVisible();
    expect(within(table).getByText('Open until March 15, 2099')).toBeVisible();
    await user.click(
      screen.getByRole('button', { name: 'Withdraw the invitation for wei@example.org' }),
    );

    expect(await screen.findByText('No pending invitations for this course.')).toBeVisible();
    expect(
      network.requestsTo('POST /api/v1/courses/plc-iec-61131-3/invitations/5/withdraw'),
    ).toHaveLength(1);
  });

  it('shows a refusal of the whole file', async () => {
    mockFetch({
      [LIST]: () => jsonResponse(page([])),
    });
    upload.answer = () =>
      Promise.reject(
        new UploadError(400, {
          detail: 'The first line must name the columns, including “email”.',
          code: 'no_header',
        }),
      );
    const { user } = renderComponent(<BulkEnrolmentPage courses={COURSES} />);

    await user.upload(
      await screen.findByLabelText('CSV file'),
      new File(['name\nAda\n'], 'learners.csv', { type: 'text/csv' }),
    );
    await user.click(screen.getByRole('button', { name: 'Send invitations' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The first line must name the columns, including “email”.',
    );
    expect(screen.queryByTestId('bulk-enrol-results')).toBeNull();
  });
});
