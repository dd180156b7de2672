/**
 * i18next setup. Every visible string lives in one file per language, `locales/<code>.json`,
 * all with the same keys (a test checks it). Adding a language is adding one such file: it is
 * discovered at build time, listed in the language switcher under its own name, and accepted by
 * `?lang=`. The language comes from `?lang=`, then the browser, then English.
 *
 * Each locale file is loaded when its language is first needed, in two chunks: its core text
 * before the first render, its later text (the top-level keys in build/localeParts.ts
 * LATER_KEYS: lessons, quiz, …) right after. A page in English never downloads the Japanese text
 * and the other way round. `i18next.changeLanguage` loads both parts before it switches (through
 * the small backend below), so the call sites are unchanged. A new top-level key goes into the
 * core unless it is added to LATER_KEYS (do that when only lazily loaded parts read it).
 * Node code that needs every language at once (tests) imports `./resources` instead.
 */
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

type Tree = { [k: string]: string | Tree };

// One chunk per language and part (build/localeParts.ts): `core` before the first render, `rest`
// (lessons, quiz, engine event text, metrics, exports) right after it.
const core = import.meta.glob<{ default: Tree }>('./locales/*.json', { query: '?core' });
const rest = import.meta.glob<{ default: Tree }>('./locales/*.json', { query: '?rest' });
const codeOf = (f: string) => f.replace(/^.*\/(.+)\.json$/, '$1');
const fileOf = Object.fromEntries(Object.keys(core).map((f) => [codeOf(f), f]));

/** Language codes with a locale file, English first. */
export const LANGUAGES: readonly string[] = Object.keys(core)
  .map(codeOf)
  .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
export type Language = string;

/**
 * A language's own name ("English", "日本語"), for the switcher: its `language.self` string once
 * loaded, else the name written here, else the browser's name for it (cached). Not the browser's
 * first: creating an `Intl.DisplayNames` loads its locale data, ≈0.4 s of the header's first
 * render on a phone-class CPU (Lighthouse's 4× slowdown, issue 12).
 */
const SELF_NAMES: Record<string, string> = { en: 'English', ja: '日本語' };
const displayNames = new Map<string, string>();
export function languageName(code: string): string {
  const loaded = i18next.getResource?.(code, 'translation', 'language.self') as unknown;
  if (typeof loaded === 'string' && loaded) return loaded;
  const known = SELF_NAMES[code] ?? displayNames.get(code);
  if (known) return known;
  let name = code;
  try {
    name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    // an unknown code: its code is its name
  }
  displayNames.set(code, name);
  return name;
}

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

const restLoads = new Map<string, Promise<void>>();
/** Each language's later text once loaded (merged again after the core, see `read`). */
const restData = new Map<string, Tree>();
/** Adds `lng`'s later text to i18next (once). */
function loadRest(lng: string): Promise<void> {
  const file = fileOf[lng];
  if (!file) return Promise.resolve();
  let p = restLoads.get(lng);
  if (!p) {
    p = rest[file]!().then((m) => {
      restData.set(lng, m.default);
      i18next.addResourceBundle(lng, 'translation', m.default, true, false);
    });
    p.catch(() => restLoads.delete(lng));
    restLoads.set(lng, p);
  }
  return p;
}

/** The first load (the page's language) hands over the core text alone; later ones wait for both. */
let firstRead = true;

/** Loads `locales/<lng>.json` on demand (see above). */
const localeBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _ns, done) {
    const file = fileOf[lng];
    if (!file) return done(null, {});
    const first = firstRead;
    firstRead = false;
    const later = loadRest(lng);
    void Promise.all([core[file]!(), first ? null : later]).then(
      ([m]) => {
        done(null, m.default);
        // i18next merges a backend's result shallowly: when the later text arrived first, the
        // core's `components` / `inspector` objects replaced its nested parts. Merge it again, deeply.
        const later = restData.get(lng);
        if (later) i18next.addResourceBundle(lng, 'translation', later, true, false);
      },
      (e: unknown) => done(e instanceof Error ? e.message : String(e), false),
    );
  },
};

/**
 * Resolves once the current language's later text (lessons, quiz, engine event text, metrics,
 * exports) is loaded. A lazily loaded part that shows such text waits for it with `withAllText`.
 */
export function allTextLoaded(): Promise<void> {
  return loadRest(i18next.language ?? 'en');
}

/** Wraps a `React.lazy` importer so the part also waits for the later text of the language. */
export function withAllText<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), allTextLoaded().catch(() => undefined)]).then(([m]) => m);
}

/**
 * Start i18next in `lng`. Resolves once that language's text is loaded: render after it. Every
 * locale has every key (tested), so there is no fallback language to download as well.
 */
export function initI18n(lng: Language): Promise<typeof i18next> {
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next
    .use(localeBackend)
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      returnNull: false,
      // Re-render when the later text is added, in case a part shows before it arrives.
      react: { useSuspense: false, bindI18nStore: 'added' },
    })
    .then(() => i18next);
}

export { i18next };
