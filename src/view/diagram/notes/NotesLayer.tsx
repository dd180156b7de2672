/**
 * The diagram's notes layer: "because" notes and pending cues drawn where `placeNotes` puts them
 * (free room near their component, never over another note, a box, a label or a packet lane),
 * at most MAX_SHOWN at once; the rest behind one "+k more" button that opens them as a list.
 *
 * Drawn in flow coordinates inside React Flow's viewport (`ViewportPortal`), so a note keeps its
 * place on the drawing when the user pans or zooms. Box sizes come from measuring the text with a
 * canvas before anything is drawn, so nothing moves after the first paint. A because-note fades
 * out over its last NOTE_FADE_MS (not with prefers-reduced-motion: it then just goes); every note
 * stays in the event log's note list (`NoteLogList`).
 */
import { ViewportPortal } from '@xyflow/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../../store/simStore';
import type { LayoutResult } from '../layout';
import { approxWidth, NOTE_FONT, NOTE_LINE, NOTE_PAD, wrapNote, type Measure } from './noteText';
import { noteObstacles, placeNotes, type NoteBox } from './placeNotes';

/** Most notes drawn at once. */
export const MAX_SHOWN = 3;
/** A because-note fades out over this long before it expires. */
export const NOTE_FADE_MS = 4000;
/** Width of the icon before the text (▸ or …), in ems. */
const LEAD_EM = 1.1;

interface Item {
  id: string;
  kind: 'because' | 'pending';
  componentId: string;
  text: string;
  /** Because-notes: wall-clock expiry (performance.now()). */
  expiresAtMs: number | null;
}

const measured = new Map<string, number>();
let ctx: CanvasRenderingContext2D | null | undefined;
/** Text width with the page's sans font (canvas measureText), falling back to an estimate. */
const measure: Measure = (text, px) => {
  const key = `${px}|${text}`;
  const hit = measured.get(key);
  if (hit !== undefined) return hit;
  if (ctx === undefined) ctx = typeof document !== 'undefined' ? (document.createElement('canvas').getContext('2d') ?? null) : null;
  let w: number;
  if (ctx) {
    const family = getComputedStyle(document.documentElement).getPropertyValue('--font-sans').trim() || 'sans-serif';
    ctx.font = `600 ${px}px ${family}`;
    // A little slack: the DOM's text rendering can be a fraction wider than the canvas's.
    w = ctx.measureText(text).width * 1.04 + 1;
  } else w = approxWidth(text, px);
  if (measured.size > 2000) measured.clear();
  measured.set(key, w);
  return w;
};

export function NotesLayer({ layout }: { layout: LayoutResult }) {
  const { t, i18n } = useTranslation();
  const notes = useSim(selectors.notes);
  const pending = useSim(selectors.pending);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const moreRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Pending cues first (live, they say what the route waits for), then because-notes newest first.
  const items = useMemo<Item[]>(() => {
    void i18n.language;
    return [
      ...pending.map((p) => ({
        id: `p:${p.vm}:${p.step}`,
        kind: 'pending' as const,
        componentId: p.componentId,
        text: t('pending.cue', { vm: p.vm, step: t(`pending.step.${p.step}`) }),
        expiresAtMs: null,
      })),
      ...[...notes].reverse().map((n) => ({ id: `n:${n.id}`, kind: 'because' as const, componentId: n.componentId, text: t(n.key, n.params), expiresAtMs: n.expiresAtMs })),
    ];
  }, [notes, pending, t, i18n.language]);

  const font = NOTE_FONT[layout.level];
  const grid = useMemo(() => noteObstacles(layout), [layout]);
  const wrapped = useMemo(() => new Map(items.map((it) => [it.id, wrapNote(it.text, font, measure, LEAD_EM * font)])), [items, font]);
  const moreText = (count: number) => t('diagram.notes.more', { count });
  const placement = useMemo(() => {
    const boxes: NoteBox[] = [];
    for (const it of items) {
      const anchor = layout.nodeOf.get(it.componentId);
      const w = wrapped.get(it.id);
      if (anchor && w) boxes.push({ id: it.id, anchor, w: w.w, h: w.h });
    }
    const moreSize = { w: Math.ceil(measure(moreText(Math.max(1, items.length)), font) + 2 * NOTE_PAD.x + 4), h: Math.ceil(font * NOTE_LINE + 2 * NOTE_PAD.y) };
    const p = placeNotes(grid, boxes, { max: MAX_SHOWN, moreSize });
    // Notes whose component is not on this diagram at all still belong in the list.
    const placedIds = new Set(boxes.map((b) => b.id));
    for (const it of items) if (!placedIds.has(it.id)) p.hidden.push(it.id);
    return p;
    // moreText depends on t only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [grid, items, wrapped, layout, font, t]);

  const byId = useMemo(() => new Map(items.map((it) => [it.id, it])), [items]);
  const hidden = placement.hidden.map((id) => byId.get(id)).filter((x): x is Item => !!x);
  useEffect(() => {
    if (hidden.length === 0 && open) setOpen(false);
  }, [hidden.length, open]);
  // Opened from the keyboard or a click, the list takes the focus (a screen reader reads it; Escape gives it back).
  useEffect(() => {
    if (open) listRef.current?.focus();
  }, [open]);

  if (items.length === 0) return null;
  const b = layout.bounds;
  const now = performance.now();
  // The list opens towards the larger part of the drawing, so it is not cut off by the pane.
  const opensUp = placement.more !== null && placement.more.y - b.y > b.h / 2;
  return (
    <ViewportPortal>
      <div className="hvv-notes" data-testid="notes-layer" data-shown={placement.shown.length} data-hidden={hidden.length}>
        <svg
          aria-hidden="true"
          className="pointer-events-none absolute overflow-visible"
          style={{ left: b.x, top: b.y, width: b.w, height: b.h }}
          viewBox={`${b.x} ${b.y} ${b.w} ${b.h}`}
        >
          {placement.shown.map((s) => (
            <line key={s.id} className="hvv-note-leader" x1={s.leader[0]} y1={s.leader[1]} x2={s.leader[2]} y2={s.leader[3]} />
          ))}
        </svg>
        {placement.shown.map((s) => {
          const it = byId.get(s.id) as Item;
          const lines = wrapped.get(s.id)?.lines ?? [it.text];
          return (
            <NoteBoxView key={s.id} item={it} lines={lines} font={font} now={now} style={{ left: s.rect.x, top: s.rect.y, width: s.rect.w, height: s.rect.h }} />
          );
        })}
        {placement.more && hidden.length > 0 ? (
          <div
            className="absolute"
            style={{ left: placement.more.x, top: placement.more.y }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && open) {
                e.stopPropagation();
                setOpen(false);
                moreRef.current?.focus();
              }
            }}
          >
            <button
              ref={moreRef}
              type="button"
              data-testid="notes-more"
              className="nodrag nopan nowheel pointer-events-auto whitespace-nowrap rounded-md border-2 border-warn bg-panel font-semibold text-ink shadow-sm hover:bg-raised"
              style={{ fontSize: font, lineHeight: NOTE_LINE, padding: `${NOTE_PAD.y - 2}px ${NOTE_PAD.x - 2}px`, width: placement.more.w, height: placement.more.h }}
              aria-expanded={open}
              aria-controls={listId}
              aria-label={t('diagram.notes.moreLabel', { count: hidden.length })}
              onClick={(e) => {
                e.stopPropagation();
                setOpen((o) => !o);
              }}
            >
              {moreText(hidden.length)}
            </button>
            {open ? (
              <ul
                ref={listRef}
                tabIndex={-1}
                id={listId}
                data-testid="notes-more-list"
                aria-label={t('diagram.notes.listLabel')}
                className={`nodrag nopan nowheel pointer-events-auto absolute left-0 z-20 flex flex-col gap-1 rounded-md border border-line bg-panel p-1.5 shadow-lg ${
                  opensUp ? 'bottom-full mb-1' : 'top-full mt-1'
                }`}
                style={{ width: 17 * font + 2 * NOTE_PAD.x + 12, fontSize: font }}
              >
                {hidden.map((it) => (
                  <li key={it.id} role="note" data-testid={it.kind === 'pending' ? 'pending-cue' : 'because-note'} data-component={it.componentId} className="leading-snug text-ink">
                    <span aria-hidden="true" className="mr-1 text-warn">{it.kind === 'pending' ? '…' : '▸'}</span>
                    {it.text}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </ViewportPortal>
  );
}

function NoteBoxView({ item, lines, font, now, style }: { item: Item; lines: string[]; font: number; now: number; style: React.CSSProperties }) {
  // The fade is a CSS animation timed from the note's expiry, so it needs no React work while it runs.
  const fadeDelay = item.expiresAtMs !== null ? Math.max(0, item.expiresAtMs - now - NOTE_FADE_MS) : null;
  return (
    <div
      role="note"
      data-testid={item.kind === 'pending' ? 'pending-cue' : 'because-note'}
      data-component={item.componentId}
      className={`hvv-note-box pointer-events-none absolute overflow-hidden rounded-md bg-panel font-semibold text-ink shadow-sm ${
        item.kind === 'pending' ? 'border-2 border-dashed border-warn' : 'border border-warn'
      } ${fadeDelay !== null ? 'hvv-note-fade' : ''}`}
      style={{
        ...style,
        fontSize: font,
        lineHeight: NOTE_LINE,
        padding: `${NOTE_PAD.y - 1}px ${NOTE_PAD.x - 1}px ${NOTE_PAD.y - 1}px ${NOTE_PAD.x - 1 + LEAD_EM * font}px`,
        ...(fadeDelay !== null ? ({ '--hvv-fade-delay': `${fadeDelay}ms`, '--hvv-fade-ms': `${NOTE_FADE_MS}ms` } as React.CSSProperties) : {}),
      }}
    >
      <span aria-hidden="true" className="absolute text-warn" style={{ left: NOTE_PAD.x - 1, top: NOTE_PAD.y - 1 }}>
        {item.kind === 'pending' ? '…' : '▸'}
      </span>
      {/* The whole sentence for screen readers and text search; the wrapped lines are what the eye reads. */}
      <span className="sr-only">{item.text}</span>
      <span aria-hidden="true">
        {lines.map((l, i) => (
          <span key={i} className="block whitespace-nowrap">
            {l}
          </span>
        ))}
      </span>
    </div>
  );
}
