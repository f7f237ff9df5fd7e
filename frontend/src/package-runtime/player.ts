/**
 * The player page on the content origin: offers scorm-again's SCORM API to the package (window.API
 * or window.API_1484_11, where SCORM's discovery finds it from the SCO's frame), resumes the stored
 * CMI, commits it to the server, frames the SCO, and tells the platform's page when data was stored.
 */
import { scorm12StartingCmi, scorm2004StartingCmi } from './cmi';
import { CommitService, type CommitTransport } from './commit-service';
import { readPlayerConfig } from './config';
import { fill, isRightToLeft, playerLanguage, playerTexts } from './messages';
import {
  PLAYER_MESSAGE_TYPE,
  type CommitStatus,
  type PlayerConfig,
  type PlayerMessage,
} from './protocol';

/** Autocommit after this many seconds without a commit of the SCO's own: debounced, not chatty. */
export const AUTOCOMMIT_SECONDS = 10;
/** "General exception" (1.2) and "General commit failure" (2004): what the SCO gets when the
 * server did not name an error itself. */
const SCORM12_COMMIT_FAILURE = 101;
const SCORM2004_COMMIT_FAILURE = 391;
export const SCO_FRAME_ID = 'icim-sco-frame';
/** The player page's full-page container (the backend's template); the body when there is none. */
export const CONTAINER_ID = 'icim-player';

function containerOf(document: Document): HTMLElement {
  return document.getElementById(CONTAINER_ID) ?? document.body;
}

/** The SCORM API object, whichever standard (the methods this page uses). */
interface ScormApi {
  loadFromJSON: (json: Record<string, unknown>, CMIElement?: string) => void;
  on: (listenerName: string, callback: (...args: unknown[]) => void) => void;
  isInitialized: () => boolean;
  isTerminated: () => boolean;
  storeData: (terminateCommit: boolean) => unknown;
}

export interface Player {
  config: PlayerConfig;
  api: ScormApi | null;
  frame: HTMLIFrameElement;
}

type ApiWindow = Window & { API?: unknown; API_1484_11?: unknown };

/** A message in the page itself, for when there is nothing to play. */
function showProblem(document: Document, text: string, language: string) {
  const notice = document.createElement('p');
  notice.setAttribute('role', 'alert');
  notice.lang = language;
  notice.dir = isRightToLeft(language) ? 'rtl' : 'ltr';
  notice.className = 'icim-player-problem';
  notice.style.cssText = 'font: 1rem/1.5 system-ui, sans-serif; margin: 2rem; max-width: 40rem;';
  notice.textContent = text;
  containerOf(document).append(notice);
}

function frameSco(document: Document, config: PlayerConfig, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.id = SCO_FRAME_ID;
  frame.title = title;
  frame.src = config.sco_url;
  frame.allow = 'fullscreen';
  frame.style.cssText =
    'position: fixed; inset: 0; width: 100%; height: 100%; border: 0; display: block;';
  document.body.style.margin = '0';
  containerOf(document).append(frame);
  return frame;
}

function post(window: Window, config: PlayerConfig, message: PlayerMessage) {
  // Not in a frame (opened on its own): there is nobody to tell.
  if (window.parent === window) return;
  window.parent.postMessage(message, config.platform_origin);
}

/**
 * The API class of a scorm-again module: its ES build exports it by name, while its type
 * declarations say default; either is taken.
 */
function constructorOf<T>(module: { default: T }, name: string): T {
  return (module as unknown as Record<string, T | undefined>)[name] ?? module.default;
}

async function createApi(
  config: PlayerConfig,
  service: CommitService,
): Promise<{ api: ScormApi; globalName: 'API' | 'API_1484_11'; finishName: string }> {
  const settings = {
    lmsCommitUrl: config.commit_url,
    autocommit: true,
    autocommitSeconds: AUTOCOMMIT_SECONDS,
    httpService: service,
    logLevel: 'ERROR' as const, // a SCO's mistakes are its own business, not the console's
  };
  if (config.standard === 'scorm_1.2') {
    const Scorm12API = constructorOf(await import('scorm-again/scorm12/min'), 'Scorm12API');
    const api = new Scorm12API(settings);
    api.loadFromJSON(scorm12StartingCmi(config));
    return { api, globalName: 'API', finishName: 'LMSFinish' };
  }
  const Scorm2004API = constructorOf(await import('scorm-again/scorm2004/min'), 'Scorm2004API');
  const api = new Scorm2004API(settings);
  api.loadFromJSON(scorm2004StartingCmi(config));
  return { api, globalName: 'API_1484_11', finishName: 'Terminate' };
}

/**
 * Start the player in `window` (the player page). Resolves with what it made, or null when the
 * page's settings are missing or damaged (a message in the page says so).
 */
export async function startPlayer(
  window: Window,
  { transport }: { transport?: CommitTransport } = {},
): Promise<Player | null> {
  const { document } = window;
  const result = readPlayerConfig(document);
  if (!result.config) {
    const language = playerLanguage(window.navigator.language);
    const texts = playerTexts(language);
    showProblem(
      document,
      result.isMissing
        ? texts.configMissing
        : fill(texts.configInvalid, { problem: result.problem }),
      language,
    );
    return null;
  }
  const config = result.config;
  const language = playerLanguage(config.language);
  document.documentElement.lang = language;
  document.documentElement.dir = isRightToLeft(language) ? 'rtl' : 'ltr';
  const title = playerTexts(language).contentTitle;

  // cmi5: the AU finds its endpoint and token in sco_url and talks to the LRS itself.
  if (config.standard === 'cmi5')
    return { config, api: null, frame: frameSco(document, config, title) };

  const service = new CommitService(
    config.standard === 'scorm_1.2' ? SCORM12_COMMIT_FAILURE : SCORM2004_COMMIT_FAILURE,
    (status: CommitStatus | null) => {
      post(window, config, { type: PLAYER_MESSAGE_TYPE, event: 'committed', status });
    },
    transport,
  );
  const { api, globalName, finishName } = await createApi(config, service);
  service.isTerminated = () => api.isTerminated();
  api.on(finishName, () => {
    // A Terminate the server refused leaves the SCO running (it may try again): nothing ended.
    if (api.isInitialized()) return;
    post(window, config, {
      type: PLAYER_MESSAGE_TYPE,
      event: 'terminated',
      status: service.lastStatus,
    });
  });
  (window as ApiWindow)[globalName] = api;

  const storeWhileHiding = () => {
    if (!api.isInitialized()) return; // not started, or already terminated (and stored)
    service.isPageHiding = true;
    try {
      api.storeData(false);
    } finally {
      service.isPageHiding = document.visibilityState === 'hidden';
    }
  };
  window.addEventListener('pagehide', () => {
    storeWhileHiding();
    service.isPageHiding = true;
  });
  window.addEventListener('pageshow', () => {
    service.isPageHiding = false;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') storeWhileHiding();
    else service.isPageHiding = false;
  });

  return { config, api, frame: frameSco(document, config, title) };
}
