/** Registering an endpoint: the URL, description and event types sent; a refused URL shown at its
 * field; the secret shown once, copyable, with its warning. */
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderRoute } from '@/testing/render';

import { ENDPOINT, ENDPOINTS_PATH, ORGANIZATIONS } from '../testing';
import { NewEndpointPage } from './NewEndpointPage';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function showForm() {
  return renderRoute(
    '/studio/webhooks/:organization/new',
    '/studio/webhooks/rhine/new',
    <NewEndpointPage organizations={ORGANIZATIONS} />,
  );
}

describe('NewEndpointPage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows a refused loopback URL at its field, then shows the secret once', async () => {
    let answer = () =>
      jsonResponse(
        {
          detail: 'Invalid input.',
          code: 'invalid',
          fields: { url: ['The host resolves to an address that is not public (127.0.0.1).'] },
        },
        400,
      );
    const server = mockFetch({ [`POST ${ENDPOINTS_PATH}`]: () => answer() });
    const { user } = showForm();

    const url = await screen.findByLabelText('Receiver URL');
    await user.type(url, 'https://localhost/hooks');
    await user.type(screen.getByLabelText(/Description/), 'HR system');
    await user.click(screen.getByRole('checkbox', { name: /Certificate issued/ }));
    await user.click(screen.getByRole('checkbox', { name: /Course completed/ }));
    await user.click(screen.getByRole('button', { name: 'Add the endpoint' }));

    expect(
      await screen.findByText('The host resolves to an address that is not public (127.0.0.1).'),
    ).toBeVisible();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription(
      /The host resolves to an address that is not public \(127\.0\.0\.1\)\./,
    );
    expect(url).toHaveFocus();
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();

    answer = () => jsonResponse({ ...ENDPOINT, secret: SECRET }, 201);
    await user.clear(url);
    await user.type(url, ENDPOINT.url);
    await user.click(screen.getByRole('button', { name: 'Add the endpoint' }));

    const heading = await screen.findByRole('heading', {
      name: 'The endpoint is added: here is its secret',
    });
    expect(heading).toHaveFocus();
    expect(screen.getByText('This is the only time the secret is shown.')).toBeVisible();
    expect(screen.getByLabelText('Signing secret')).toHaveValue(SECRET);
    expect(screen.queryByLabelText('Receiver URL')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy the secret' }));
    expect(await screen.findByText('The secret is copied to the clipboard.')).toHaveAttribute(
      'role',
      'status',
    );
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(screen.getByRole('link', { name: 'Open the endpoint' })).toHaveAttribute(
      'href',
      `/studio/webhooks/rhine/${ENDPOINT.id}`,
    );
    expect(server.requestsTo(`POST ${ENDPOINTS_PATH}`).map((request) => request.body)).toEqual([
      {
        url: 'https://localhost/hooks',
        description: 'HR system',
        event_types: ['certificate.issued', 'enrollment.completed'],
      },
      {
        url: ENDPOINT.url,
        description: 'HR system',
        event_types: ['certificate.issued', 'enrollment.completed'],
      },
    ]);
  });

  it('asks for an event type before asking the server', async () => {
    const server = mockFetch({});
    const { user } = showForm();
    await user.type(await screen.findByLabelText('Receiver URL'), ENDPOINT.url);
    await user.click(screen.getByRole('button', { name: 'Add the endpoint' }));
    expect(await screen.findByText('Choose at least one event.')).toBeVisible();
    expect(screen.getByRole('checkbox', { name: /Certificate issued/ })).toHaveFocus();
    expect(server.requests).toEqual([]);
  });
});
