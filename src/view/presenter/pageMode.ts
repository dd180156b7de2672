/**
 * What this page is, decided once from the address bar at start-up: the full app, an embed
 * (`?embed=1`) or a speaker-notes window (`?notes=1`). Importing this module applies the theme
 * (and the embed flag) to <html> before the first render, so there is no flash of the wrong theme.
 */
import { initTheme } from '../../store/theme';
import { parseViewParams, type ViewParams } from '../../store/url';

export type PageKind = 'app' | 'embed' | 'notes';

/** The address bar's query when the page opened (the URL sync rewrites it later). */
export const initialSearch = typeof window === 'undefined' ? '' : window.location.search;
const search = initialSearch;

/** The view parameters as the page was opened (lesson ids are checked later, against LESSONS). */
export const initialView: ViewParams = parseViewParams(search).view;

export const pageKind: PageKind = initialView.notes ? 'notes' : initialView.embed ? 'embed' : 'app';

/** True inside an iframe (or when the parent is not reachable, which also means framed). */
export function inFrame(): boolean {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
}

initTheme(search);
