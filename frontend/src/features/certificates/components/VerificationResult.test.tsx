/** The verification result: status banner per status, details, and whatever checks the API lists. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderComponent } from '@/testing/render';

import type { Verification } from '../types';
import { VerificationResult } from './VerificationResult';

const CERTIFICATE_ID = '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b';

const VALID: Verification = {
  id: CERTIFICATE_ID,
  status: 'valid',
  is_private: false,
  basis: 'completion',
  checks: [
    {
      name: 'issued_by_platform',
      label: 'Issued by ICIM Academy and recorded in its register',
      result: 'passed',
      passed: true,
      explanation: '',
    },
    {
      name: 'credential_status',
      label: 'Not revoked in the published status list',
      result: 'skipped',
      passed: false,
      explanation: 'The status list could not be reached.',
    },
  ],
  revoked_at: null,
  revocation_reason: null,
  superseded_by: null,
  learner_name: 'Zhang Wei',
  learner_native_name: '张伟',
  course_title: 'Lean Smart Factory Operations',
  course_code: 'RVTU-LEAN-110',
  institutions: [
    { slug: 'rhine-valley-tu', name: 'Rhine Valley Technical University', country: 'DE' },
  ],
  competencies: [{ code: 'OPS.LEAN', name: 'Lean production' }],
  grade: '86.50',
  issued_on: '2026-03-14',
  expires_on: null,
};

function renderResult(result: Verification, source: 'id' | 'file' = 'id') {
  renderComponent(<VerificationResult result={result} source={source} />);
}

describe('VerificationResult', () => {
  it('shows a valid certificate with its details and every check with its result', () => {
    renderResult(VALID);
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Valid');
    expect(
      screen.getByText('This certificate was issued by ICIM Academy and is valid.'),
    ).toBeVisible();
    expect(screen.getByText('Zhang Wei')).toBeVisible();
    expect(screen.getByText('· 张伟')).toBeVisible();
    expect(screen.getByText('Rhine Valley Technical University')).toBeVisible();
    expect(screen.getByText('March 14, 2026')).toBeVisible();
    expect(screen.getByText('Does not expire')).toBeVisible();
    expect(screen.getByText('86.5%')).toBeVisible();
    expect(screen.getByText('Lean production')).toBeVisible();

    const checks = within(
      screen.getByRole('heading', { name: 'Checks made' }).parentElement as HTMLElement,
    )
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(checks).toEqual([
      '✓Issued by ICIM Academy and recorded in its register (passed)',
      '–Not revoked in the published status list (not applicable)The status list could not be reached.',
    ]);
    // The e-mail check and the credential download come with a known certificate.
    expect(
      screen.getByRole('link', {
        name: 'Download the signed digital credential (Open Badges 3.0, JSON)',
      }),
    ).toHaveAttribute('href', `/api/v1/credentials/${CERTIFICATE_ID}`);
  });

  it('shows a revoked certificate with the reason and the date', () => {
    renderResult({
      ...VALID,
      status: 'revoked',
      revoked_at: '2026-04-01T08:00:00Z',
      revocation_reason: 'Assessment irregularity.',
    });
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Revoked');
    expect(
      screen.getByText('Revoked by the issuing institution. Reason: Assessment irregularity.'),
    ).toBeVisible();
    expect(screen.getByText('Revoked on April 1, 2026.')).toBeVisible();
  });

  it('keeps the details of a private certificate hidden and says why', () => {
    renderResult({ id: CERTIFICATE_ID, status: 'valid', is_private: true, checks: VALID.checks });
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Valid');
    expect(screen.queryByRole('heading', { name: 'Certificate details' })).toBeNull();
    expect(
      screen.getByText(/The holder keeps the details of this certificate private/),
    ).toBeVisible();
    // Its credential is the holder's alone: no e-mail check, no download link.
    expect(screen.queryByRole('heading', { name: "Check the holder's e-mail address" })).toBeNull();
  });

  it('says a checked file of a private certificate is confirmed by its status only', () => {
    renderResult(
      { id: CERTIFICATE_ID, status: 'valid', is_private: true, checks: VALID.checks },
      'file',
    );
    expect(screen.getByTestId('verification-private')).toHaveTextContent(
      'only its status is confirmed here. Read the name and course on the file itself',
    );
  });

  it('reports a credential that is not valid yet', () => {
    renderResult({ id: CERTIFICATE_ID, status: 'not_yet_valid', checks: VALID.checks }, 'file');
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Not yet valid');
    expect(
      screen.getByText('This credential is genuine, but its validity has not started yet.'),
    ).toBeVisible();
  });

  it('links a superseded certificate to its successor when the answer names it', () => {
    renderResult({
      id: CERTIFICATE_ID,
      status: 'superseded',
      is_private: false,
      checks: VALID.checks,
      superseded_by: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    });
    expect(screen.getByRole('link', { name: 'Verify the current certificate' })).toHaveAttribute(
      'href',
      '/verify/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    );
  });

  it('tells an unknown id from an unknown file and an altered one', () => {
    renderResult({ id: 'nope', status: 'unknown', checks: [] });
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Unknown');
    expect(screen.getByText(/No certificate with this ID was issued/)).toBeVisible();
    expect(screen.queryByRole('heading', { name: "Check the holder's e-mail address" })).toBeNull();
  });

  it('reports an altered file as invalid, with the failed check', () => {
    renderResult(
      {
        id: null,
        status: 'invalid',
        checks: [
          {
            name: 'file_matches',
            label: 'The file is byte for byte the one issued',
            result: 'failed',
            passed: false,
            explanation: '',
          },
        ],
      },
      'file',
    );
    expect(screen.getByTestId('verification-status')).toHaveTextContent('Altered or forged');
    expect(screen.getByText(/it has been altered\. Do not trust it\./)).toBeVisible();
    expect(screen.getByRole('listitem')).toHaveTextContent(
      '✗The file is byte for byte the one issued (failed)',
    );
  });
});
