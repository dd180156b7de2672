/**
 * A note's box size before it is drawn: its text wrapped to a maximum width with a measuring
 * function (a canvas `measureText` in the browser, `approxWidth` in tests), so placement knows
 * each box's size without laying out the DOM first (nothing moves after the first paint).
 */

/** Sizes of a note's box per level of detail (flow units): the folded levels draw larger labels. */
export const NOTE_FONT = { full: 13, overview: 16, minimal: 16 } as const;
/** Line height as a multiple of the font size. */
export const NOTE_LINE = 1.3;
/** Horizontal and vertical padding inside the box (border included), flow units. */
export const NOTE_PAD = { x: 10, y: 6 } as const;
/** Widest a note's text runs before it wraps, in ems. */
export const NOTE_MAX_EM = 17;
/** Most lines a note shows; the rest is cut with an ellipsis (the full text is in the event log). */
export const NOTE_MAX_LINES = 4;

export type Measure = (text: string, fontPx: number) => number;

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** Width of `text` at `fontPx` without a canvas: CJK characters are 1 em, others ≈ 0.6 em (generous). */
export const approxWidth: Measure = (text, fontPx) => {
  let em = 0;
  for (const ch of text) em += CJK.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.6;
  return em * fontPx;
};

/** Break points: after spaces, and between CJK characters (Japanese has no spaces). */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (CJK.test(ch) && cur && !/[、。）」]/.test(ch)) {
      out.push(cur);
      cur = ch;
    } else if (ch === ' ') {
      out.push(cur + ch);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export interface WrappedNote {
  lines: string[];
  /** Box size including padding, flow units. */
  w: number;
  h: number;
}

/** Wrap `text` (greedy) to at most NOTE_MAX_LINES lines of NOTE_MAX_EM ems (plus `lead`, the icon's width). */
export function wrapNote(text: string, fontPx: number, measure: Measure, lead = 0): WrappedNote {
  const maxW = NOTE_MAX_EM * fontPx;
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens(text)) {
    const next = line + tok;
    if (line && measure(next.trimEnd(), fontPx) + lead > maxW) {
      lines.push(line.trimEnd());
      line = tok;
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length > NOTE_MAX_LINES) {
    lines.length = NOTE_MAX_LINES;
    lines[NOTE_MAX_LINES - 1] = `${lines[NOTE_MAX_LINES - 1]}…`;
  }
  const widest = Math.max(0, ...lines.map((l) => measure(l, fontPx)));
  return {
    lines,
    w: Math.ceil(widest + lead + 2 * NOTE_PAD.x),
    h: Math.ceil(lines.length * fontPx * NOTE_LINE + 2 * NOTE_PAD.y),
  };
}
