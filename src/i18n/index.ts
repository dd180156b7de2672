/**
 * i18next setup. Every visible string lives in one file per language, `locales/<code>.json`,
 * all with the same keys (a test checks it). Adding a language is adding one such file: it is
 * discovered at build time, listed in the language switcher under its own `language.self` name,
 * and accepted by `?lang=`. The language comes from `?lang=`, then the browser, then English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';

type Tree = { [k: string]: string | Tree };

const files = import.meta.glob<{ default: Tree }>('./locales/*.json', { eager: true });

/** Language codes with a locale file, English first. */
export const LANGUAGES: readonly string[] = Object.keys(files)
  .map((f) => f.replace(/^.*\/(.+)\.json$/, '$1'))
  .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
export type Language = string;

/** The English tree: the reference every other language must match key for key. */
export const reference: Tree = en as unknown as Tree;

export const resources: Record<string, { translation: Tree }> = Object.fromEntries(
  Object.entries(files).map(([f, m]) => [f.replace(/^.*\/(.+)\.json$/, '$1'), { translation: m.default }]),
);

/** A language's own name ("English", "日本語"), for the switcher. */
export const languageName = (code: string) =>
  ((resources[code]?.translation.language as Tree | undefined)?.self as string | undefined) ?? code;

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && LANGUAGES.includes(v);
}

/** `?lang=` first, then the browser's preferred languages, then English. */
export function detectLanguage(search: string, navigatorLanguages: readonly string[]): Language {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  for (const l of navigatorLanguages) {
    const base = l.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function initI18n(lng: Language) {
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

export { i18next };
