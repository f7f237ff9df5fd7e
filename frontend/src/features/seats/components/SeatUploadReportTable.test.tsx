/** The upload's report: one row per line of the file with its result in words, and the counts. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderComponent } from '@/testing/render';

import type { SeatUploadReport } from '../types';
import { SeatUploadReportTable } from './SeatUploadReportTable';

const REPORT: SeatUploadReport = {
  pool: 3,
  seat_count: 2,
  used_seats: 2,
  rows: [
    { line: 2, email: 'ada@acme.example', full_name: 'Ada Lovelace', result: 'assigned' },
    { line: 3, email: 'not-an-address', full_name: '', result: 'invalid_email' },
    { line: 4, email: 'bob@acme.example', full_name: 'Bob', result: 'assigned' },
    { line: 5, email: 'ada@acme.example', full_name: '', result: 'already_assigned' },
    { line: 6, email: 'cyd@acme.example', full_name: 'Cyd', result: 'no_seats_left' },
  ],
  summary: { assigned: 2, already_assigned: 1, no_seats_left: 1, invalid_email: 1 },
};

describe('SeatUploadReportTable', () => {
  it('shows each line with its result and the counts per result', () => {
    renderComponent(<SeatUploadReportTable report={REPORT} />);

    const rows = within(screen.getByTestId('seat-upload-results')).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['2', 'ada@acme.example', 'Ada Lovelace', 'Seat given'],
      ['3', 'not-an-address', '', 'Not a valid e-mail address'],
      ['4', 'bob@acme.example', 'Bob', 'Seat given'],
      ['5', 'ada@acme.example', '', 'Already holds a seat'],
      ['6', 'cyd@acme.example', 'Cyd', 'No seats left'],
    ]);
    expect(
      within(screen.getByTestId('seat-upload-summary'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'Seat given: 2',
      'Already holds a seat: 1',
      'No seats left: 1',
      'Not a valid e-mail address: 1',
    ]);
    expect(screen.getByTestId('seat-usage')).toHaveTextContent('2 of 2 seats used');
  });
});
