/** The signatory list of a certificate template: the rows as saved, the live-preview drafts, add up
 * to three, reorder, remove, inline errors, and a signature upload with its progress. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { emptyResponse, jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import type { CertificateSignatory, PreviewSignatory } from '../types';
import { mergeDrafts, movedOrder } from './signatory-drafts';
import { SignatoryListEditor } from './SignatoryListEditor';

const upload = vi.hoisted(() => ({
  resolve: null as ((value: unknown) => void) | null,
  calls: [] as { path: string; file: File; fields: Record<string, string>; options: unknown }[],
}));

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: (
    path: string,
    file: File,
    onProgress: (share: number) => void,
    fields: Record<string, string>,
    options: unknown,
  ) => {
    upload.calls.push({ path, file, fields, options });
    onProgress(0.5);
    return new Promise((resolve) => {
      upload.resolve = resolve;
    });
  },
}));

const BASE = '/api/v1/institution/rhine/certificate-template/signatories';
const WEBER: CertificateSignatory = {
  id: 1,
  name: 'Prof. Anna Weber',
  title: 'Dean',
  signature_image: '/media/certificates/signatures/rhine-signature-1.png',
};
const LI: CertificateSignatory = { id: 2, name: '李明', title: '院长', signature_image: null };
const HADDAD: CertificateSignatory = { id: 3, name: 'ليلى حداد', title: '', signature_image: null };

function editor(signatories: CertificateSignatory[], onDraftsChange = vi.fn()) {
  const rendered = renderComponent(
    <SignatoryListEditor
      organization="rhine"
      signatories={signatories}
      onDraftsChange={onDraftsChange}
    />,
  );
  return { ...rendered, onDraftsChange };
}

function row(number: number) {
  return screen.getByRole('group', { name: `Signatory ${String(number)}` });
}

afterEach(() => {
  upload.calls.length = 0;
  upload.resolve = null;
});

describe('SignatoryListEditor', () => {
  it('shows the saved signatories in order and reports the edited list for the preview', async () => {
    mockFetch({});
    const { user, onDraftsChange } = editor([WEBER, LI]);

    expect(within(row(1)).getByLabelText('Name of signatory 1')).toHaveValue('Prof. Anna Weber');
    expect(
      within(row(1)).getByRole('img', { name: 'Current signature of signatory 1' }),
    ).toBeVisible();
    expect(within(row(2)).getByLabelText(/Title of signatory 2/)).toHaveValue('院长');
    expect(within(row(1)).getByRole('button', { name: 'Save the signatory' })).toBeDisabled();

    await user.type(within(row(2)).getByLabelText('Name of signatory 2'), '教授');

    const last = onDraftsChange.mock.lastCall?.[0] as PreviewSignatory[];
    expect(last).toEqual([
      { id: 1, name: 'Prof. Anna Weber', title: 'Dean' },
      { id: 2, name: '李明教授', title: '院长' },
    ]);
    expect(within(row(2)).getByRole('button', { name: 'Save the signatory' })).toBeEnabled();
  });

  it('adds a signatory and allows no more than three', async () => {
    const network = mockFetch({
      [`POST ${BASE}`]: () => jsonResponse({ ...HADDAD, name: 'Layla Haddad' }, 201),
    });
    const { user } = editor([WEBER, LI]);

    await user.click(screen.getByRole('button', { name: 'Add a signatory' }));
    expect(screen.getByRole('button', { name: 'Add a signatory' })).toBeDisabled();
    expect(
      screen.getByText("Your institution's certificates have at most 3 signatories."),
    ).toBeVisible();
    await user.type(within(row(3)).getByLabelText('Name of signatory 3'), 'Layla Haddad');
    await user.click(within(row(3)).getByRole('button', { name: 'Save the signatory' }));

    await waitFor(() => {
      expect(network.requestsTo(`POST ${BASE}`)).toHaveLength(1);
    });
    const [added] = network.requestsTo(`POST ${BASE}`);
    // Multipart, the one media type the operation takes, even without an image.
    expect(added?.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(added?.body).toEqual({ name: 'Layla Haddad', title: '' });
  });

  it('moves a signatory down and up, and removes one', async () => {
    const network = mockFetch({
      [`PUT ${BASE}/order`]: () => jsonResponse([LI, WEBER, HADDAD]),
      [`DELETE ${BASE}/3`]: () => emptyResponse(),
    });
    const { user } = editor([WEBER, LI, HADDAD]);

    expect(within(row(1)).getByRole('button', { name: 'Move up' })).toBeDisabled();
    expect(within(row(3)).getByRole('button', { name: 'Move down' })).toBeDisabled();
    await user.click(within(row(1)).getByRole('button', { name: 'Move down' }));
    await waitFor(() => {
      expect(network.requestsTo(`PUT ${BASE}/order`)).toHaveLength(1);
    });
    expect(network.requestsTo(`PUT ${BASE}/order`)[0]?.body).toEqual({ order: [2, 1, 3] });

    await user.click(within(row(3)).getByRole('button', { name: 'Remove' }));

    await waitFor(() => {
      expect(screen.queryByRole('group', { name: 'Signatory 3' })).toBeNull();
    });
    expect(network.requestsTo(`DELETE ${BASE}/3`)).toHaveLength(1);
  });

  it("shows the server's refusal next to the field", async () => {
    mockFetch({
      [`PATCH ${BASE}/2`]: () =>
        jsonResponse(
          {
            detail: 'Invalid input.',
            code: 'forbidden_characters',
            fields: { name: ['The name contains characters that are not allowed.'] },
          },
          400,
        ),
    });
    const { user } = editor([WEBER, LI]);

    await user.type(within(row(2)).getByLabelText('Name of signatory 2'), 'x');
    await user.click(within(row(2)).getByRole('button', { name: 'Save the signatory' }));

    const name = within(row(2)).getByLabelText('Name of signatory 2');
    await waitFor(() => {
      expect(name).toHaveAttribute('aria-invalid', 'true');
    });
    expect(
      within(row(2)).getByText('The name contains characters that are not allowed.'),
    ).toBeVisible();
  });

  it('refuses an image that is not a PNG or JPEG before sending anything', () => {
    const network = mockFetch({});
    editor([LI]);

    // The browser's file dialog would hide it (accept=…); a drop or "all files" does not.
    fireEvent.change(within(row(1)).getByLabelText('Signature image of signatory 1'), {
      target: { files: [new File(['GIF89a'], 'signature.gif', { type: 'image/gif' })] },
    });

    expect(within(row(1)).getByRole('alert')).toHaveTextContent(
      '“signature.gif” is not a PNG or JPEG image of at most 1 MB.',
    );
    expect(within(row(1)).getByRole('button', { name: 'Save the signatory' })).toBeDisabled();
    expect(network.requests).toHaveLength(0);
  });

  it('uploads a signature image with its progress', async () => {
    mockFetch({});
    const { user } = editor([LI]);
    const image = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'li.png', {
      type: 'image/png',
    });

    await user.upload(within(row(1)).getByLabelText('Signature image of signatory 1'), image);
    await user.click(within(row(1)).getByRole('button', { name: 'Save the signatory' }));

    const bar = await screen.findByRole('progressbar', { name: 'Uploading “li.png”' });
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(upload.calls).toEqual([
      {
        path: `${BASE}/2`,
        file: image,
        fields: { name: '李明', title: '院长' },
        options: { method: 'PATCH', fileField: 'signature_image' },
      },
    ]);

    upload.resolve?.({ ...LI, signature_image: '/media/li.png' });

    await waitFor(() => {
      expect(screen.queryByRole('progressbar')).toBeNull();
    });
  });
});

describe('movedOrder', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(movedOrder([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(movedOrder([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(movedOrder([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(movedOrder([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });
});

describe('mergeDrafts', () => {
  it('follows the saved order, keeps unsaved edits, and keeps new rows at the end', () => {
    const edited = [
      { key: 'saved-1', id: 1, name: 'Anna Weber-Kraus', title: 'Dean' },
      { key: 'saved-2', id: 2, name: '李明', title: '院长' },
      { key: 'new-1', id: null, name: 'Tom', title: '' },
    ];

    expect(mergeDrafts(edited, [LI, WEBER])).toEqual([
      { key: 'saved-2', id: 2, name: '李明', title: '院长' },
      { key: 'saved-1', id: 1, name: 'Anna Weber-Kraus', title: 'Dean' },
      { key: 'new-1', id: null, name: 'Tom', title: '' },
    ]);
    expect(mergeDrafts(edited, [HADDAD])).toEqual([
      { key: 'saved-3', id: 3, name: 'ليلى حداد', title: '' },
      { key: 'new-1', id: null, name: 'Tom', title: '' },
    ]);
  });
});
