/** The player page's runtime: its settings, the SCORM API it offers, commits and messages. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CommitTransport, RawAnswer } from './commit-service';
import { CONFIG_ELEMENT_ID, parsePlayerConfig } from './config';
import { SCO_FRAME_ID, startPlayer } from './player';
import type { PlayerConfig } from './protocol';

const CONTENT = 'http://localhost:8000';
const PLATFORM = 'http://127.0.0.1:8000';
const TOKEN_PATH = `${CONTENT}/p/token-1`;

function configOf(change: Partial<PlayerConfig> = {}): PlayerConfig {
  return {
    standard: 'scorm_1.2',
    sco_url: `${TOKEN_PATH}/f/index.html?lang=en`,
    commit_url: `${TOKEN_PATH}/commit`,
    platform_origin: PLATFORM,
    cmi: {},
    learner_id: '42',
    learner_name: 'Learner, Lena',
    language: 'de',
    mastery_score: 80,
    ...change,
  };
}

function writePage(configText: string | null) {
  // As the backend's template has it: the settings, then a full-page container.
  document.body.innerHTML = '<div id="icim-player" role="main"></div>';
  document.getElementById(CONFIG_ELEMENT_ID)?.remove();
  if (configText === null) return;
  const script = document.createElement('script');
  script.id = CONFIG_ELEMENT_ID;
  script.type = 'application/json';
  script.textContent = configText;
  document.head.append(script);
}

const ACCEPTED_STATUS = {
  completion_status: 'incomplete',
  success_status: 'unknown',
  score: null,
  is_complete: false,
};

/** A server that stores what it is sent and answers `answer`. */
function fakeServer(answer: RawAnswer = okAnswer()) {
  const posts: { url: string; body: unknown }[] = [];
  const beacons: { url: string; body: unknown }[] = [];
  const transport: CommitTransport = {
    postNow: (url, body) => {
      posts.push({ url, body: JSON.parse(body) });
      return answer;
    },
    beacon: (url, body) => {
      beacons.push({ url, body: JSON.parse(body) });
      return true;
    },
  };
  return { posts, beacons, transport };
}

function okAnswer(status = ACCEPTED_STATUS): RawAnswer {
  return { status: 200, text: JSON.stringify({ result: true, errorCode: 0, status }) };
}

type ScormWindow = Window & {
  API?: Record<string, (...args: string[]) => string>;
  API_1484_11?: Record<string, (...args: string[]) => string>;
};

/** The frame the page sits in on the platform: its postMessage, observed. */
function fakeParent() {
  const postMessage = vi.fn();
  const parent = { postMessage } as unknown as Window;
  vi.spyOn(window, 'parent', 'get').mockReturnValue(parent);
  return postMessage;
}

beforeEach(() => {
  delete (window as ScormWindow).API;
  delete (window as ScormWindow).API_1484_11;
});

afterEach(() => {
  writePage(null);
  vi.restoreAllMocks();
});

describe('parsePlayerConfig', () => {
  it('takes a complete config and unwraps a CMI sent with its cmi root', () => {
    const config = configOf({ cmi: { cmi: { suspend_data: 'page=2' } } });
    expect(parsePlayerConfig(JSON.stringify(config))).toEqual({
      config: { ...config, cmi: { suspend_data: 'page=2' } },
    });
  });

  it.each([
    ['standard', { standard: 'aicc' }],
    ['sco_url', { sco_url: 'javascript:alert(1)' }],
    ['commit_url', { commit_url: '' }],
    ['platform_origin', { platform_origin: `${PLATFORM}/learn` }],
    ['platform_origin', { platform_origin: '*' }],
    ['cmi', { cmi: 'suspend' }],
    ['mastery_score', { mastery_score: 120 }],
  ])('names the wrong field %s', (field, change) => {
    const text = JSON.stringify({ ...configOf(), ...change });
    expect(parsePlayerConfig(text)).toEqual({ problem: field, isMissing: false });
  });

  it('tells a missing config from a damaged one', () => {
    expect(parsePlayerConfig(null)).toEqual({ problem: 'missing', isMissing: true });
    expect(parsePlayerConfig('{"standard":')).toEqual({ problem: 'not JSON', isMissing: false });
  });

  it('needs no commit URL for cmi5', () => {
    const config = configOf({ standard: 'cmi5', commit_url: '' });
    expect(parsePlayerConfig(JSON.stringify(config)).config?.standard).toBe('cmi5');
  });
});

describe('startPlayer', () => {
  it('says in the page that the launch settings are missing, and offers no API', async () => {
    writePage(null);
    expect(await startPlayer(window)).toBeNull();
    expect(document.querySelector('[role="alert"]')).toHaveTextContent(
      'This lesson cannot start: the player page has no launch settings.',
    );
    expect((window as ScormWindow).API).toBeUndefined();
    expect(document.getElementById(SCO_FRAME_ID)).toBeNull();
  });

  it('says it in Arabic, right to left, when the browser speaks Arabic', async () => {
    vi.spyOn(window.navigator, 'language', 'get').mockReturnValue('ar-EG');
    writePage('{"standard": "scorm_1.2"');
    expect(await startPlayer(window)).toBeNull();
    const alert = document.querySelector('[role="alert"]');
    expect(alert).toHaveAttribute('lang', 'ar');
    expect(alert).toHaveAttribute('dir', 'rtl');
    expect(alert).toHaveTextContent('لا يمكن بدء هذا الدرس: إعدادات التشغيل تالفة (not JSON).');
  });

  it('names the damaged field of the launch settings', async () => {
    writePage(JSON.stringify({ ...configOf(), platform_origin: 'nowhere' }));
    expect(await startPlayer(window)).toBeNull();
    expect(document.querySelector('[role="alert"]')).toHaveTextContent(
      'its launch settings are damaged (platform_origin)',
    );
  });

  it('offers window.API with the stored CMI resumed, then frames the SCO', async () => {
    const server = fakeServer();
    fakeParent();
    writePage(
      JSON.stringify(
        configOf({
          cmi: {
            core: { lesson_location: 'page-2', exit: 'suspend', session_time: '00:05:00' },
            suspend_data: 'page=2;answers=',
          },
        }),
      ),
    );
    const player = await startPlayer(window, { transport: server.transport });
    const api = (window as ScormWindow).API;
    expect(api).toBeDefined();
    expect(api?.LMSInitialize?.('')).toBe('true');
    expect(api?.LMSGetValue?.('cmi.suspend_data')).toBe('page=2;answers=');
    expect(api?.LMSGetValue?.('cmi.core.lesson_location')).toBe('page-2');
    expect(api?.LMSGetValue?.('cmi.core.entry')).toBe('resume');
    expect(api?.LMSGetValue?.('cmi.core.student_id')).toBe('42');
    expect(api?.LMSGetValue?.('cmi.core.student_name')).toBe('Learner, Lena');
    expect(api?.LMSGetValue?.('cmi.student_data.mastery_score')).toBe('80');
    expect(api?.LMSGetValue?.('cmi.core.credit')).toBe('credit');
    const frame = document.getElementById(SCO_FRAME_ID) as HTMLIFrameElement;
    expect(frame).toBe(player?.frame);
    expect(frame.parentElement?.id).toBe('icim-player');
    expect(frame.src).toBe(`${TOKEN_PATH}/f/index.html?lang=en`);
    expect(frame.title).toBe('Lektionsinhalt');
    expect(document.documentElement.lang).toBe('de');
  });

  it('starts a first launch from the beginning', async () => {
    writePage(JSON.stringify(configOf()));
    await startPlayer(window, { transport: fakeServer().transport });
    const api = (window as ScormWindow).API;
    api?.LMSInitialize?.('');
    expect(api?.LMSGetValue?.('cmi.core.entry')).toBe('ab-initio');
    expect(api?.LMSGetValue?.('cmi.suspend_data')).toBe('');
  });

  it('commits the CMI to commit_url and tells only the platform origin', async () => {
    const server = fakeServer(
      okAnswer({ ...ACCEPTED_STATUS, completion_status: 'completed', is_complete: true }),
    );
    const postMessage = fakeParent();
    writePage(JSON.stringify(configOf()));
    await startPlayer(window, { transport: server.transport });
    const api = (window as ScormWindow).API;
    api?.LMSInitialize?.('');
    expect(api?.LMSSetValue?.('cmi.core.lesson_status', 'completed')).toBe('true');
    expect(api?.LMSSetValue?.('cmi.suspend_data', 'page=3')).toBe('true');
    expect(api?.LMSCommit?.('')).toBe('true');

    expect(server.posts).toHaveLength(1);
    const [commit] = server.posts;
    expect(commit?.url).toBe(`${TOKEN_PATH}/commit`);
    expect(commit?.body).toMatchObject({
      cmi: { core: { lesson_status: 'completed' }, suspend_data: 'page=3' },
    });
    expect(postMessage).toHaveBeenCalledTimes(1);
    expect(postMessage).toHaveBeenCalledWith(
      {
        type: 'icim:package',
        event: 'committed',
        status: { ...ACCEPTED_STATUS, completion_status: 'completed', is_complete: true },
      },
      PLATFORM,
    );

    expect(api?.LMSFinish?.('')).toBe('true');
    expect(server.posts).toHaveLength(2);
    expect(postMessage).toHaveBeenLastCalledWith(
      expect.objectContaining({ type: 'icim:package', event: 'terminated' }),
      PLATFORM,
    );
    for (const [, origin] of postMessage.mock.calls) expect(origin).toBe(PLATFORM);
  });

  it("passes the server's refusal on to the SCO and tells the platform nothing", async () => {
    const server = fakeServer({
      status: 400,
      text: JSON.stringify({ result: false, errorCode: 101, detail: 'score.raw out of range' }),
    });
    const postMessage = fakeParent();
    writePage(JSON.stringify(configOf()));
    await startPlayer(window, { transport: server.transport });
    const api = (window as ScormWindow).API;
    api?.LMSInitialize?.('');
    expect(api?.LMSCommit?.('')).toBe('false');
    expect(api?.LMSGetLastError?.()).toBe('101');
    expect(postMessage).not.toHaveBeenCalled();
  });

  it("keeps scorm-again's errors for calls before Initialize and after Finish", async () => {
    const server = fakeServer();
    fakeParent();
    writePage(JSON.stringify(configOf()));
    await startPlayer(window, { transport: server.transport });
    const api = (window as ScormWindow).API;
    expect(api?.LMSGetValue?.('cmi.suspend_data')).toBe('');
    expect(api?.LMSGetLastError?.()).toBe('301'); // not initialized
    api?.LMSInitialize?.('');
    expect(api?.LMSFinish?.('')).toBe('true');
    expect(server.posts).toHaveLength(1);
    // SCORM 1.2 names no "after termination" code: the general exception, and nothing is sent.
    expect(api?.LMSCommit?.('')).toBe('false');
    expect(api?.LMSGetLastError?.()).toBe('101');
    api?.LMSFinish?.('');
    expect(api?.LMSGetLastError?.()).toBe('101');
    expect(server.posts).toHaveLength(1);
  });

  it('stores by beacon when the page is hidden, without a verdict to post', async () => {
    const server = fakeServer();
    const postMessage = fakeParent();
    writePage(JSON.stringify(configOf()));
    await startPlayer(window, { transport: server.transport });
    const api = (window as ScormWindow).API;
    api?.LMSInitialize?.('');
    api?.LMSSetValue?.('cmi.suspend_data', 'page=2');
    window.dispatchEvent(new Event('pagehide'));
    expect(server.posts).toHaveLength(0);
    expect(server.beacons).toHaveLength(1);
    expect(server.beacons[0]?.url).toBe(`${TOKEN_PATH}/commit`);
    expect(server.beacons[0]?.body).toMatchObject({ cmi: { suspend_data: 'page=2' } });
    expect(postMessage).not.toHaveBeenCalled();
  });

  it('offers window.API_1484_11 for SCORM 2004 with the mastery score as scaled passing score', async () => {
    const server = fakeServer();
    fakeParent();
    writePage(
      JSON.stringify(
        configOf({
          standard: 'scorm_2004',
          cmi: { location: '3', suspend_data: 'p=3', exit: 'suspend' },
        }),
      ),
    );
    await startPlayer(window, { transport: server.transport });
    const api = (window as ScormWindow).API_1484_11;
    expect((window as ScormWindow).API).toBeUndefined();
    expect(api?.GetValue?.('cmi.location')).toBe('');
    expect(api?.GetLastError?.()).toBe('122'); // retrieve before initialization
    expect(api?.Initialize?.('')).toBe('true');
    expect(api?.GetValue?.('cmi.location')).toBe('3');
    expect(api?.GetValue?.('cmi.suspend_data')).toBe('p=3');
    expect(api?.GetValue?.('cmi.entry')).toBe('resume');
    expect(api?.GetValue?.('cmi.learner_id')).toBe('42');
    expect(api?.GetValue?.('cmi.scaled_passing_score')).toBe('0.8');
    expect(api?.GetValue?.('cmi.credit')).toBe('credit');
    expect(api?.Terminate?.('')).toBe('true');
    expect(api?.GetValue?.('cmi.location')).toBe('');
    expect(api?.GetLastError?.()).toBe('123'); // retrieve after termination
  });

  it('only frames the AU for cmi5', async () => {
    writePage(
      JSON.stringify(configOf({ standard: 'cmi5', sco_url: `${TOKEN_PATH}/f/au.html?endpoint=x` })),
    );
    const player = await startPlayer(window);
    expect(player?.api).toBeNull();
    expect((window as ScormWindow).API).toBeUndefined();
    expect((document.getElementById(SCO_FRAME_ID) as HTMLIFrameElement).src).toBe(
      `${TOKEN_PATH}/f/au.html?endpoint=x`,
    );
  });
});
