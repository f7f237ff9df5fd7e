/**
 * How scorm-again's commits reach the server: a synchronous POST while the page is up, so the SCO
 * learns from LMSCommit / Terminate whether its data was stored (SCORM's contract); a beacon while
 * the page is going away, when a synchronous request is no longer allowed and nobody waits for it.
 */
import type Scorm12API from 'scorm-again/scorm12';

import type { CommitAnswer, CommitStatus } from './protocol';

type ApiSettings = NonNullable<ConstructorParameters<typeof Scorm12API>[0]>;
/** scorm-again's IHttpService (its interfaces are not exported under a public path). */
export type HttpService = NonNullable<ApiSettings['httpService']>;
type ResultObject = ReturnType<HttpService['processHttpRequest']>;

/** An answer the server gave, or null when none came. */
export interface RawAnswer {
  status: number;
  text: string;
}

/** The network, replaceable in tests. */
export interface CommitTransport {
  /** POST `body` as JSON and wait for the answer; throws when the browser refuses (page unloading). */
  postNow: (url: string, body: string) => RawAnswer;
  /** Queue `body` for delivery after the page is gone; whether the browser took it. */
  beacon: (url: string, body: string) => boolean;
}

export const browserTransport: CommitTransport = {
  postNow(url, body) {
    const request = new XMLHttpRequest();
    // Synchronous on purpose: LMSCommit must answer the SCO with the server's verdict.
    request.open('POST', url, false);
    request.setRequestHeader('Content-Type', 'application/json;charset=UTF-8');
    request.setRequestHeader('Accept', 'application/json');
    request.send(body);
    return { status: request.status, text: request.responseText };
  },
  beacon(url, body) {
    // text/plain needs no preflight, which a beacon cannot make; the server reads it as JSON.
    return navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
  },
};

function parseAnswer(text: string): CommitAnswer | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === 'object' && body !== null && 'result' in body) return body as CommitAnswer;
  } catch {
    // Not JSON (a proxy's error page): treated as no verdict below.
  }
  return undefined;
}

function isTrue(result: unknown): boolean {
  return result === true || result === 'true';
}

export class CommitService implements HttpService {
  /** Set while the page hides or unloads: commits then go by beacon. */
  isPageHiding = false;
  /** The attempt's status from the last commit the server accepted. */
  lastStatus: CommitStatus | null = null;
  /**
   * Whether the SCO has terminated. scorm-again's SCORM 1.2 API still commits after LMSFinish (1.2
   * names no error for it; 2004 answers 143 itself): such a commit is refused here with the general
   * failure code, so that data cannot be changed after the attempt's final commit.
   */
  isTerminated: () => boolean = () => false;

  constructor(
    /** The standard's "general commit failure" code, for failures the server did not name. */
    private readonly failureCode: number,
    private readonly onStored: (status: CommitStatus | null) => void,
    private readonly transport: CommitTransport = browserTransport,
  ) {}

  processHttpRequest(url: string, params: unknown, immediate = false): ResultObject {
    if (this.isTerminated()) return this.failure();
    const body = JSON.stringify(params);
    if (this.isPageHiding) return this.sendBeacon(url, body);
    let answer: RawAnswer;
    try {
      answer = this.transport.postNow(url, body);
    } catch {
      // A Terminate from the SCO's unload handler: synchronous requests are refused by then.
      if (immediate) return this.sendBeacon(url, body);
      return this.failure();
    }
    const verdict = parseAnswer(answer.text);
    const isOk = answer.status >= 200 && answer.status < 300 && isTrue(verdict?.result ?? true);
    if (!isOk) {
      return {
        result: 'false',
        errorCode:
          typeof verdict?.errorCode === 'number' && verdict.errorCode > 0
            ? verdict.errorCode
            : this.failureCode,
        ...(verdict?.detail !== undefined && { errorMessage: verdict.detail }),
      };
    }
    this.lastStatus = verdict?.status ?? null;
    this.onStored(this.lastStatus);
    return { result: 'true', errorCode: 0 };
  }

  updateSettings(): void {
    // Nothing here depends on scorm-again's settings.
  }

  private sendBeacon(url: string, body: string): ResultObject {
    return this.transport.beacon(url, body) ? { result: 'true', errorCode: 0 } : this.failure();
  }

  private failure(): ResultObject {
    return { result: 'false', errorCode: this.failureCode };
  }
}
