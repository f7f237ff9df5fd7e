/** The captions editor: a .vtt file or the edited text is checked by the server; its problems show by line. */
import { screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { uploadFile } from '@/lib/http';
import { jsonResponse, mockFetch } from '@/testing/fetch-mock';
import { renderComponent } from '@/testing/render';

import { CaptionsEditor } from './CaptionsEditor';

vi.mock('@/lib/http', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/http')>()),
  uploadFile: vi.fn(),
}));

const ROUTE =
  'POST /api/v1/authoring/courses/plc/lessons/5b1c0c1e-0000-4000-8000-000000000001/captions';
const GOOD = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDer Zyklus beginnt.\n';
const REVERSED = 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nRückwärts.\n';

function Harness({ initial, lessonKey }: { initial: string; lessonKey?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <CaptionsEditor
        slug="plc"
        lessonKey={lessonKey}
        language="de"
        value={value}
        onChange={setValue}
      />
      <output data-testid="saved-text">{value}</output>
    </>
  );
}

function renderEditor(initial = '', isSaved = true) {
  return renderComponent(
    <Harness
      initial={initial}
      lessonKey={isSaved ? '5b1c0c1e-0000-4000-8000-000000000001' : undefined}
    />,
  );
}

describe('CaptionsEditor', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('uploads a .vtt file and puts the checked text into the lesson', async () => {
    vi.mocked(uploadFile).mockResolvedValue({ language: 'de', vtt: GOOD });
    const { user } = renderEditor();
    const file = new File([GOOD.replaceAll('\n', '\r\n')], 'de.vtt', { type: 'text/vtt' });

    await user.upload(screen.getByLabelText('Upload a .vtt file'), file);

    expect(await screen.findByText('The captions are valid.')).toBeInTheDocument();
    expect(screen.getByTestId('saved-text').textContent).toBe(GOOD);
    expect(vi.mocked(uploadFile)).toHaveBeenCalledWith(
      ROUTE.slice('POST '.length),
      file,
      expect.any(Function),
      { language: 'de' },
    );
  });

  it('shows the server’s problems, each naming its line, on the text field', async () => {
    const server = mockFetch({
      [ROUTE]: () =>
        jsonResponse(
          {
            detail: 'Die Untertitel haben 1 Problem(e).',
            code: 'invalid_captions',
            problems: [
              {
                line: 3,
                message:
                  'Zeile 3: Der Untertitel endet bei 00:00:04.000, nicht nach seinem Beginn bei 00:00:05.000.',
              },
            ],
          },
          400,
        ),
    });
    const { user } = renderEditor(REVERSED);

    await user.click(screen.getByRole('button', { name: 'Check captions' }));

    expect(
      await screen.findByText(/Zeile 3: Der Untertitel endet bei 00:00:04.000/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Captions (WebVTT)')).toHaveAttribute('aria-invalid', 'true');
    const body = server.requests[0]?.body as { language: string; text: string };
    expect(body.language).toBe('de');
    expect(body.text.replaceAll('\r\n', '\n')).toBe(REVERSED);
    // the author's text stays as it was, to be fixed
    expect(screen.getByTestId('saved-text').textContent).toBe(REVERSED);
  });

  it('lets the author edit the text of an unsaved lesson, checking once it is saved', async () => {
    const { user } = renderEditor('', false);

    await user.type(screen.getByLabelText('Captions (WebVTT)'), 'WEBVTT');

    expect(screen.getByTestId('saved-text').textContent).toBe('WEBVTT');
    expect(screen.queryByLabelText('Upload a .vtt file')).not.toBeInTheDocument();
    expect(
      screen.getByText('Save the course once before uploading or checking captions.'),
    ).toBeInTheDocument();
  });
});
