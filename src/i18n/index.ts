/**
 * i18next setup. Every visible string lives in `en.json` and `ja.json` (same keys); adding a
 * language is one more JSON file registered in `resources`. The language comes from `?lang=`,
 * then the browser, then English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ja from './ja.json';
import diagramEn from './diagram.en.json';
import diagramJa from './diagram.ja.json';
import lessonsEn from './lessons.en.json';
import lessonsJa from './lessons.ja.json';
import presentEn from './present.en.json';
import presentJa from './present.ja.json';
import metricsEn from './metrics.en.json';
import metricsJa from './metrics.ja.json';
import engineEn from './engine.en.json';
import engineJa from './engine.ja.json';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

type Tree = { [k: string]: string | Tree };

/**
 * Merge fragment files key by key, so two files may share a top-level key (e.g. `scenarios`)
 * without one silently replacing the other's subtree.
 */
export function mergeTrees<T extends object>(...trees: T[]): T {
  const out: Tree = {};
  const put = (dst: Tree, src: Tree) => {
    for (const [k, v] of Object.entries(src)) {
      const cur = dst[k];
      if (v && typeof v === 'object' && cur && typeof cur === 'object') put(cur, v);
      else dst[k] = v && typeof v === 'object' ? put({}, v) : v;
    }
    return dst;
  };
  for (const t of trees) put(out, t as unknown as Tree);
  return out as unknown as T;
}

export const resources = {
  en: { translation: mergeTrees<Record<string, unknown>>(en, diagramEn, lessonsEn, metricsEn, presentEn, engineEn) },
  ja: { translation: mergeTrees<Record<string, unknown>>(ja, diagramJa, lessonsJa, metricsJa, presentJa, engineJa) },
} as const;

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
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
