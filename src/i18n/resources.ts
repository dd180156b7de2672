/**
 * Every language's text at once, bundled eagerly: for tests and Node tools that set up their
 * own i18next instance. The app itself loads one language at a time through `./index`.
 */
import en from './locales/en.json';

type Tree = { [k: string]: string | Tree };

const files = import.meta.glob<{ default: Tree }>('./locales/*.json', { eager: true });

/** The English tree: the reference every other language must match key for key. */
export const reference: Tree = en as unknown as Tree;

export const resources: Record<string, { translation: Tree }> = Object.fromEntries(
  Object.entries(files).map(([f, m]) => [f.replace(/^.*\/(.+)\.json$/, '$1'), { translation: m.default }]),
);
