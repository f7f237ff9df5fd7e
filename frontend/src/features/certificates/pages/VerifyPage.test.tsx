/** The verification page follows a switch of UI language: the API's check labels are asked for again. */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Verification } from '../types';
import { jsonResponse, mockFetch, NOT_AUTHENTICATED } from '@/testing/fetch-mock';
import { renderApp } from '@/testing/render';

const CERTIFICATE_ID = '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b';

/** The label the backend gives a check, per Accept-Language. */
const LABELS: Record<string, string> = {
  en: 'Issued by ICIM Academy and recorded in its register',
  de: 'Von der ICIM Academy ausgestellt und in ihrem Register verzeichnet',
};

function verification(language: string): Verification {
  return {
    id: CERTIFICATE_ID,
    status: 'valid',
    checks: [
      {
        name: 'issued_by_platform',
        label: LABELS[language] ?? '',
        result: 'passed',
        passed: true,
        explanation: '',
      },
    ],
  };
}

function checkLabels(headingName: string): (string | null)[] {
  const section = screen.getByRole('heading', { name: headingName }).parentElement as HTMLElement;
  return within(section)
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.checklist__label')?.textContent ?? null);
}

describe('VerifyPage', () => {
  it('shows the check labels in the new language after a switch, without a reload', async () => {
    const network = mockFetch({
      'GET /api/v1/auth/me': NOT_AUTHENTICATED,
      [`GET /api/v1/verify/${CERTIFICATE_ID}`]: (request) =>
        jsonResponse(verification(request.headers.get('Accept-Language') ?? 'en')),
    });
    const { user } = renderApp(`/verify/${CERTIFICATE_ID}`);
    expect(await screen.findByRole('heading', { name: 'Checks made' })).toBeVisible();
    expect(checkLabels('Checks made')).toEqual([LABELS.en]);

    await user.selectOptions(screen.getByLabelText('Language'), 'de');

    expect(await screen.findByText(LABELS.de ?? '')).toBeVisible();
    expect(checkLabels('Durchgeführte Prüfungen')).toEqual([LABELS.de]);
    const asked = network
      .requestsTo(`GET /api/v1/verify/${CERTIFICATE_ID}`)
      .map((request) => request.headers.get('Accept-Language'));
    expect(asked).toEqual(['en', 'de']);
  });
});
