import { formatViewParams, VIEW_PARAMS, type ViewParams } from '../../store/url';

export interface SizePreset {
  w: number;
  h: number;
}

/** The embed sizes offered: the smallest supported, a 16:9 slide inset, a 720p full slide. */
export const SIZE_PRESETS: readonly SizePreset[] = [
  { w: 480, h: 320 },
  { w: 800, h: 450 },
  { w: 1280, h: 720 },
];

/** `link` with its view parameters replaced by `view` (the simulation parameters are kept). */
export function withViewParams(link: string, view: Partial<ViewParams>): string {
  const hashAt = link.indexOf('#');
  const hash = hashAt >= 0 ? link.slice(hashAt) : '';
  const noHash = hashAt >= 0 ? link.slice(0, hashAt) : link;
  const q = noHash.indexOf('?');
  const base = q >= 0 ? noHash.slice(0, q) : noHash;
  const query = q >= 0 ? noHash.slice(q + 1) : '';
  const kept = query
    .split('&')
    .filter((kv) => kv && !(VIEW_PARAMS as readonly string[]).includes(decodeURIComponent(kv.split('=')[0] ?? '')));
  const extra = formatViewParams(view);
  const all = [...kept, ...(extra ? [extra] : [])].join('&');
  return `${base}${all ? `?${all}` : ''}${hash}`;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An `<iframe>` element for a page or LMS; `allow="fullscreen"` lets presenter mode work inside it. */
export function iframeSnippet(src: string, size: SizePreset, title: string): string {
  return `<iframe src="${escapeAttr(src)}" width="${size.w}" height="${size.h}" title="${escapeAttr(title)}" style="border:0;max-width:100%" loading="lazy" allow="fullscreen; clipboard-write"></iframe>`;
}
