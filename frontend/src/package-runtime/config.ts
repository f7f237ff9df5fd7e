/** Reading the player page's launch settings (<script id="icim-player-config">), checked field by field. */
import type { PackageStandard, PlayerConfig } from './protocol';

export const CONFIG_ELEMENT_ID = 'icim-player-config';

const STANDARDS: readonly PackageStandard[] = ['scorm_1.2', 'scorm_2004', 'cmi5'];

export type ConfigResult =
  | { config: PlayerConfig; problem?: undefined; isMissing?: undefined }
  | { config?: undefined; problem: string; isMissing: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** An origin exactly (scheme, host, port, nothing else): postMessage must name it, not a URL. */
function isOrigin(value: unknown): value is string {
  return isHttpUrl(value) && new URL(value).origin === value;
}

/**
 * The stored CMI as loadFromJSON takes it (the children of `cmi`); a copy that still has the `cmi`
 * root is unwrapped, since that is what scorm-again itself sends to the commit URL.
 */
function cmiTree(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'cmi' && isRecord(value.cmi)) return value.cmi;
  return value;
}

/** Parse and check the settings; the problem names the first field that is wrong. */
export function parsePlayerConfig(text: string | null | undefined): ConfigResult {
  if (text === null || text === undefined || text.trim() === '')
    return { problem: 'missing', isMissing: true };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'not JSON', isMissing: false };
  }
  if (!isRecord(raw)) return { problem: 'not an object', isMissing: false };
  const fail = (field: string) => ({ problem: field, isMissing: false }) as const;
  const standard = raw.standard;
  if (typeof standard !== 'string' || !STANDARDS.includes(standard as PackageStandard))
    return fail('standard');
  if (!isHttpUrl(raw.sco_url)) return fail('sco_url');
  if (standard !== 'cmi5' && !isHttpUrl(raw.commit_url)) return fail('commit_url');
  if (!isOrigin(raw.platform_origin)) return fail('platform_origin');
  const cmi = cmiTree(raw.cmi);
  if (cmi === undefined) return fail('cmi');
  const mastery = raw.mastery_score ?? null;
  if (mastery !== null && (typeof mastery !== 'number' || mastery < 0 || mastery > 100))
    return fail('mastery_score');
  const text_ = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    config: {
      standard: standard as PackageStandard,
      sco_url: raw.sco_url,
      commit_url: typeof raw.commit_url === 'string' ? raw.commit_url : '',
      platform_origin: raw.platform_origin,
      cmi,
      learner_id: text_(raw.learner_id),
      learner_name: text_(raw.learner_name),
      language: text_(raw.language),
      mastery_score: mastery,
    },
  };
}

/** The settings of `document`'s player page. */
export function readPlayerConfig(document: Document): ConfigResult {
  return parsePlayerConfig(document.getElementById(CONFIG_ELEMENT_ID)?.textContent);
}
