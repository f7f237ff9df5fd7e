/** The learner-record action: explains itself, downloads the signed file, says when there is none. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import { LearnerRecordDownload } from './LearnerRecordDownload';

const ROUTE = 'GET /api/v1/me/learner-record';
const RECORD = '{"type": ["VerifiableCredential", "ClrCredential"]}\n';

describe('LearnerRecordDownload', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('downloads the signed record as learner-record.json, byte for byte', async () => {
    const fetchMock = mockFetch({
      [ROUTE]: () =>
        new Response(RECORD, { status: 200, headers: { 'Content-Type': 'application/vc' } }),
    });
    const saved = { names: [] as string[], texts: [] as Promise<string>[] };
    const createObjectURL = vi.fn((blob: Blob) => {
      saved.texts.push(blob.text());
      return 'blob:learner-record';
    });
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.names.push(this.download);
    });

    renderComponent(<LearnerRecordDownload />);

    expect(
      screen.getByRole('heading', { name: 'My learner record (CLR 2.0)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/a Comprehensive Learner Record in the 1EdTech CLR 2.0 standard/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Download my learner record (CLR 2.0)' }),
    );

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Your learner record has been downloaded.',
    );
    // My own record only: the request names nobody, it only asks for a file.
    expect(fetchMock.requests.map((request) => request.path)).toEqual([
      '/api/v1/me/learner-record?download=true',
    ]);
    expect(click).toHaveBeenCalledTimes(1);
    expect(saved.names).toEqual(['learner-record.json']);
    expect(await Promise.all(saved.texts)).toEqual([RECORD]);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:learner-record');
  });

  it('says so when I hold no credential yet', async () => {
    mockFetch({
      [ROUTE]: () =>
        jsonResponse(
          {
            detail:
              'You hold no certificate or credential yet: a learner record needs at least one.',
            code: 'not_found',
          },
          404,
        ),
    });

    renderComponent(<LearnerRecordDownload />);
    await userEvent.click(
      screen.getByRole('button', { name: 'Download my learner record (CLR 2.0)' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You hold no certificate or credential yet: a learner record needs at least one.',
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
