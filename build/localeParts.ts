/**
 * Splits the locale files for loading: `locales/<code>.json?core` is everything the first paint
 * needs, `locales/<code>.json?rest` the text of parts that load later (LATER_KEYS: lessons, quiz,
 * engine event text, metrics, exports, glossary). src/i18n/index.ts fetches the page language's
 * core before the first render and its rest right after; the files themselves stay one per
 * language with every key. `locales/en.json?engine-text` is the English `engineText` alone, which
 * src/view/text/engineText.ts matches engine strings against in every language.
 * Types of these imports: src/i18n/parts.d.ts.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** Top-level keys of a locale file that no first-paint component reads. */
export const LATER_KEYS: readonly string[] = ['lessons', 'quiz', 'engineText', 'compare', 'metrics', 'export', 'scenarios', 'glossary'];

const PART = /\/locales\/[^/]+\.json\?(core|rest|engine-text)$/;

export function localeParts(): Plugin {
  return {
    name: 'hvv-locale-parts',
    enforce: 'pre',
    load(id) {
      const m = PART.exec(id);
      if (!m) return null;
      const file = id.replace(/\?.*$/, '');
      this.addWatchFile(file);
      const tree = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (m[1] === 'engine-text') return { code: `export const engineText = ${JSON.stringify(tree.engineText)};\n`, moduleType: 'js' };
      const later = m[1] === 'rest';
      const part = Object.fromEntries(Object.entries(tree).filter(([k]) => LATER_KEYS.includes(k) === later));
      // JSON.parse of a string literal parses faster than the same object literal.
      return { code: `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});\n`, moduleType: 'js' };
    },
  };
}
