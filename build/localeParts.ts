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

/**
 * Keys of a locale file that no first-paint component reads: top-level keys, or dotted paths
 * where `*` stands for any one key (`components.*.body` is the inspector's text for each
 * component; the diagram reads only `components.*.title`; `inspector.*.*` is every grouped inspector
 * text, read only by the lazily loaded inspector and event log, while the shell reads `inspector.title`).
 */
export const LATER_KEYS: readonly string[] = ['lessons', 'quiz', 'engineText', 'compare', 'metrics', 'export', 'scenarios', 'glossary', 'components.*.body', 'inspector.*.*', 'traffic', 'scenarioNames', 'extensions', 'faults', 'shortcuts', 'pwa', 'powershell', 'controls', 'portPolicy'];

type Tree = { [k: string]: unknown };
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The part of `tree` that the patterns select (`later`), or everything else. */
export function splitTree(tree: Tree, patterns: readonly string[], later: boolean): Tree {
  const paths = patterns.map((p) => p.split('.'));
  const walk = (node: Tree, depth: number, live: string[][]): Tree => {
    const out: Tree = {};
    for (const [k, v] of Object.entries(node)) {
      const matching = live.filter((p) => p[depth] === '*' || p[depth] === k);
      const whole = matching.some((p) => p.length === depth + 1);
      if (whole) {
        if (later) out[k] = v;
      } else if (matching.length && isTree(v)) {
        const sub = walk(v, depth + 1, matching);
        if (Object.keys(sub).length) out[k] = sub;
      } else if (!later) out[k] = v;
    }
    return out;
  };
  return walk(tree, 0, paths);
}

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
      const part = splitTree(tree, LATER_KEYS, m[1] === 'rest');
      // JSON.parse of a string literal parses faster than the same object literal.
      return { code: `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});\n`, moduleType: 'js' };
    },
  };
}
