/** The player page's own few texts in the four UI languages (the SPA's i18n is not loaded here). */
import ar from '@/locales/ar/package-player.json';
import de from '@/locales/de/package-player.json';
import en from '@/locales/en/package-player.json';
import zhHans from '@/locales/zh-Hans/package-player.json';

export type PlayerTexts = typeof en;

const TEXTS: Record<string, PlayerTexts> = { en, de, 'zh-Hans': zhHans, ar };
const RIGHT_TO_LEFT = new Set(['ar']);

/** The UI language for a language tag ("de", "zh-hans", "ar-EG", ...), English when unknown. */
export function playerLanguage(tag: string | undefined): string {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('zh')) return 'zh-Hans';
  const primary = lower.split('-')[0] ?? '';
  return primary in TEXTS ? primary : 'en';
}

export function playerTexts(language: string): PlayerTexts {
  return TEXTS[language] ?? en;
}

export function isRightToLeft(language: string): boolean {
  return RIGHT_TO_LEFT.has(language);
}

/** `{{name}}` placeholders filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
