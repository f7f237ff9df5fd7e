/** The certificate template's multipart calls go through the typed client: CSRF and language
 * headers, the form as sent, the PDF preview as a blob URL, and errors as ApiError. */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';
import { i18n } from '@/lib/i18n';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';

import { previewCertificateTemplate } from './preview-certificate-template';
import { templateForm, updateCertificateTemplate } from './update-certificate-template';

const TEMPLATE_PATH = '/api/v1/institution/rhine/certificate-template';
const TEMPLATE = { colour: '#0b4f6c', logo: null, signatories: [] };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('updateCertificateTemplate', () => {
  it('sends the change as a multipart form with the CSRF token', async () => {
    const network = mockFetch({ [`PATCH ${TEMPLATE_PATH}`]: () => jsonResponse(TEMPLATE) });

    const saved = await updateCertificateTemplate({
      organization: 'rhine',
      change: { colour: '#0b4f6c', logo: null },
    });

    expect(saved).toEqual(TEMPLATE);
    const [request] = network.requestsTo(`PATCH ${TEMPLATE_PATH}`);
    expect(request?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(request?.body).toEqual({ colour: '#0b4f6c' });
  });

  it('puts a new logo in the form (jsdom cannot read a File back from a sent request)', () => {
    const logo = new File(['png'], 'logo.png', { type: 'image/png' });

    const form = templateForm({ colour: '#0b4f6c', logo });

    expect(form.get('colour')).toBe('#0b4f6c');
    expect(form.get('logo')).toBe(logo);
  });

  it('turns a refusal into an ApiError with its field errors', async () => {
    mockFetch({
      [`PATCH ${TEMPLATE_PATH}`]: () =>
        jsonResponse(
          { detail: 'Invalid input.', code: 'invalid', fields: { colour: ['Not a colour.'] } },
          400,
        ),
    });

    const error: unknown = await updateCertificateTemplate({
      organization: 'rhine',
      change: { colour: 'blue-ish', logo: null },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors('colour')).toEqual(['Not a colour.']);
  });
});

describe('previewCertificateTemplate', () => {
  it('asks for the PDF in the UI language and returns it as a blob URL', async () => {
    await i18n.changeLanguage('de');
    const createObjectURL = vi.fn((blob: Blob) => `blob:preview-${String(blob.size)}`);
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL }));
    const network = mockFetch({
      [`POST ${TEMPLATE_PATH}/preview`]: () =>
        new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } }),
    });

    const url = await previewCertificateTemplate({
      organization: 'rhine',
      change: { colour: '#0b4f6c', logo: null, signatories: [{ id: 1, name: 'A', title: '' }] },
    });

    expect(url).toBe('blob:preview-8');
    const [request] = network.requestsTo(`POST ${TEMPLATE_PATH}/preview`);
    expect(request?.headers.get('Accept')).toBe('application/pdf, application/json;q=0.9');
    expect(request?.headers.get('Accept-Language')).toBe('de');
    expect(request?.headers.get('X-CSRFToken')).toBe('test-csrf-token');
    expect(request?.body).toEqual({
      colour: '#0b4f6c',
      signatories: JSON.stringify([{ id: 1, name: 'A', title: '' }]),
    });
  });

  it('turns a JSON error into an ApiError', async () => {
    mockFetch({
      [`POST ${TEMPLATE_PATH}/preview`]: () =>
        jsonResponse({ detail: 'Not allowed.', code: 'permission_denied' }, 403),
    });

    await expect(
      previewCertificateTemplate({
        organization: 'rhine',
        change: { colour: '#0b4f6c', logo: null, signatories: [] },
      }),
    ).rejects.toMatchObject({ status: 403, code: 'permission_denied' });
  });
});
