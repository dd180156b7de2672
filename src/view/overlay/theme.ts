/** Canvas colours come from the same theme tokens as the rest of the app (CSS variables on <html>). */
import { PATH_KINDS } from '../../engine/types';

export interface OverlayColors {
  /** In PATH_KINDS order. */
  paths: string[];
  focus: string;
  surface: string;
  ink: string;
}

const FALLBACK = '#888';

export function readColors(el: Element = document.documentElement): OverlayColors {
  const cs = getComputedStyle(el);
  const v = (name: string) => cs.getPropertyValue(name).trim() || FALLBACK;
  return {
    paths: PATH_KINDS.map((p) => v(`--color-path-${p}`)),
    focus: v('--color-focus'),
    surface: v('--color-surface'),
    ink: v('--color-ink'),
  };
}

/** Call `cb` whenever the theme (data-theme / class on <html>) changes. Returns a disposer. */
export function watchTheme(cb: () => void): () => void {
  const mo = new MutationObserver(cb);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  return () => mo.disconnect();
}
