/** After the last answer: "being prepared" in a live region while the certificate is made in the
 * background, asked for again with backoff, then the link to it. */
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import { pendingPollDelay } from '../api/get-enrollment-certificate';
import { EnrollmentCertificate } from './EnrollmentCertificate';

const CERTIFICATE_ID = '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b';
const ROUTE = 'GET /api/v1/enrollments/12/certificate';

describe('EnrollmentCertificate', () => {
  it('says the certificate is being prepared, then links to it once issued', async () => {
    const answers = [
      { state: 'pending', certificate: null },
      { state: 'pending', certificate: CERTIFICATE_ID },
      { state: 'issued', certificate: CERTIFICATE_ID },
    ];
    const fetchMock = mockFetch({
      [ROUTE]: () =>
        jsonResponse(answers.shift() ?? { state: 'issued', certificate: CERTIFICATE_ID }),
    });

    renderComponent(<EnrollmentCertificate enrollmentId={12} />);

    const status = await screen.findByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(await screen.findByText('Your certificate is being prepared…')).toBeInTheDocument();
    // Polled (after 1 s, then 2 s) until issued: waits for that state, not for a clock.
    const download = await screen.findByRole('link', { name: 'Download PDF' }, { timeout: 10_000 });
    expect(download).toHaveAttribute('href', `/api/v1/certificates/${CERTIFICATE_ID}/pdf`);
    expect(screen.getByRole('status')).toHaveTextContent('Your certificate is ready.');
    expect(screen.queryByText('Your certificate is being prepared…')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See your certificate' })).toHaveAttribute(
      'href',
      '/learning',
    );
    expect(fetchMock.requestsTo(ROUTE)).toHaveLength(3);
  });

  it('stops asking once the certificate is issued', async () => {
    const fetchMock = mockFetch({
      [ROUTE]: () => jsonResponse({ state: 'issued', certificate: CERTIFICATE_ID }),
    });

    renderComponent(<EnrollmentCertificate enrollmentId={12} />);

    expect(await screen.findByRole('link', { name: 'Download PDF' })).toBeInTheDocument();
    expect(fetchMock.requestsTo(ROUTE)).toHaveLength(1);
  });

  it('backs off: 1, 2, 4, 8 s, then every 15 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(pendingPollDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000,
    ]);
  });
});
