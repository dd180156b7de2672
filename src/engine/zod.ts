/**
 * The one zod import of the app: `zod/mini`, the tree-shakable functional API (about a fifth of
 * the classic API's size before first paint, see scripts/bundle-budget.mjs). zod/mini ships no
 * error messages, so the English locale is installed here: messages that reach a user (a bad
 * configuration in the CLI, a validator's own text as a last resort) stay readable, e.g.
 * "Too big: expected number to be <=64". Import `z` from this module, never from 'zod' directly.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };
