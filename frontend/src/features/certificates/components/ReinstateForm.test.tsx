/** Reinstating a revoked certificate: the reason is required and sent; refusals are shown. */
import { screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { loadStaffTranslations } from '@/lib/i18n';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import { ReinstateForm } from './ReinstateForm';

const CERTIFICATE_ID = '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b';
const ROUTE = `POST /api/v1/certificates/${CERTIFICATE_ID}/reinstate`;

beforeAll(async () => {
  await loadStaffTranslations();
});

describe('ReinstateForm', () => {
  it('sends the reason and reports success', async () => {
    const network = mockFetch({
      [ROUTE]: () => jsonResponse({ id: CERTIFICATE_ID, status: 'valid', checks: [] }),
    });
    const onDone = vi.fn();
    const { user } = renderComponent(
      <ReinstateForm
        certificateId={CERTIFICATE_ID}
        description="PLC Basics"
        onDone={onDone}
        onCancel={vi.fn()}
      />,
    );

    const submit = screen.getByRole('button', { name: 'Reinstate the certificate' });
    expect(submit).toBeDisabled();
    await user.type(
      screen.getByLabelText('Why the revocation is undone'),
      'Revoked the wrong learner',
    );
    await user.click(submit);

    await waitFor(() => {
      expect(onDone).toHaveBeenCalled();
    });
    expect(network.requestsTo(ROUTE)[0]?.body).toEqual({ reason: 'Revoked the wrong learner' });
  });

  it('shows the refusal for one’s own certificate', async () => {
    mockFetch({
      [ROUTE]: () =>
        jsonResponse(
          {
            detail:
              'No one issues, re-issues, revokes or reinstates their own certificate: ask another approver.',
            code: 'permission_denied',
          },
          403,
        ),
    });
    const { user } = renderComponent(
      <ReinstateForm
        certificateId={CERTIFICATE_ID}
        description="PLC Basics"
        onDone={vi.fn()}
        onCancel={vi.fn()}
      />,
    );

    await user.type(screen.getByLabelText('Why the revocation is undone'), 'Mine');
    await user.click(screen.getByRole('button', { name: 'Reinstate the certificate' }));

    expect(await screen.findByText(/ask another approver/)).toBeVisible();
  });
});
