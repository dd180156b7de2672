import { preloadable } from '../shell/preloadable';

/**
 * The glossary dialog, not in the first chunk: fetched at idle (the shell calls
 * `preloadGlossary`) or when first opened. Its texts are in the locale files. A module of its own
 * so the shell can preload it without pulling the glossary button and its term table in.
 */
export const { Component: GlossaryDialog, preload: preloadGlossary } = preloadable(() => import('./GlossaryDialog'));
