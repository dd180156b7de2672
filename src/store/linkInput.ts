/**
 * Everything that reads outside input into the simulation (an address with parameters,
 * `window.hvv.configure`): the URL parameters, the link's change list, the configuration they give
 * and the engine's validation of it. All of it checks with zod, so it is one chunk, loaded by
 * {@link loadLinkInput} only when needed: a fresh page (no parameters) paints without it (issue 12's
 * first-paint budget, scripts/bundle-budget.mjs, which counts this chunk for a page opened from a
 * link). Import it through linkInputLoader.ts, never statically from the first paint's modules.
 */
import { parseConfig } from '../engine/configSchema';
import { engineApi } from './engineApi';
import type { EngineParseApi } from './urlConfig';

export { parseUrlState } from './urlParse';
export { configFromUrlState } from './urlConfigParse';
export { parseChangeList } from './changeListParse';

/** The store's engine functions plus the engine's validation. */
export const engineParseApi: EngineParseApi = { ...engineApi, parseConfig };
