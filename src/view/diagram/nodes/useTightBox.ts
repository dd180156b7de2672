import { useLayoutEffect, type RefObject } from 'react';

/**
 * "Show less, never draw smaller" inside one box: when a node's text does not fit its box (a long
 * name in Japanese, a narrow box in the folded layouts, presenter type), the box is marked
 * `data-tight` and its secondary line (`.hvv-sub`) goes, instead of the text spilling over the
 * zone title or the next box. Measured before paint, again when the box is resized or the
 * language changes. Notes, cues and badges hang outside the box on purpose (they are absolutely
 * positioned) and are not counted.
 *
 * Every box of a commit is checked in ONE pass: all writes (un-marking), then all reads, then all
 * writes (marking). Checked box by box, each mark was a write before the next box's read, so the
 * page was laid out again per tight box, and the ResizeObserver's first call did it all once more:
 * ≈0.3 s of the first render on a phone-class CPU (Lighthouse's 4× slowdown, issue 12).
 */
export function useTightBox(ref: RefObject<HTMLElement | null>, language: string) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    schedule(el);
    observer().observe(el);
    return () => {
      observer().unobserve(el);
      pending.delete(el);
      sizes.delete(el);
    };
  }, [ref, language]);
}

const pending = new Set<HTMLElement>();
/** Border-box size at the last check, so the observer's first call (same size) is skipped. */
const sizes = new WeakMap<HTMLElement, { w: number; h: number }>();
let queued = false;
let ro: ResizeObserver | null = null;

function observer(): ResizeObserver {
  ro ??= new ResizeObserver((entries) => {
    for (const e of entries) {
      const el = e.target as HTMLElement;
      const b = e.borderBoxSize[0];
      const last = sizes.get(el);
      if (b && last && Math.abs(last.w - b.inlineSize) < 0.5 && Math.abs(last.h - b.blockSize) < 0.5) continue;
      pending.add(el);
    }
    flush();
  });
  return ro;
}

/** Checked together with every box of the same commit, before paint (a microtask after the layout effects). */
function schedule(el: HTMLElement) {
  pending.add(el);
  if (queued) return;
  queued = true;
  queueMicrotask(flush);
}

function flush() {
  queued = false;
  if (pending.size === 0) return;
  const boxes = [...pending].filter((el) => el.isConnected);
  pending.clear();
  // 1. Writes: un-mark, so the secondary line is laid out again.
  for (const el of boxes) if (el.dataset.tight !== undefined) delete el.dataset.tight;
  // 2. Reads: one layout for all of them.
  const tight = boxes.filter((el) => {
    sizes.set(el, { w: el.offsetWidth, h: el.offsetHeight });
    return overflows(el);
  });
  // 3. Writes.
  for (const el of tight) el.dataset.tight = '';
}

function overflows(el: HTMLElement): boolean {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return false;
  // One CSS pixel of slack, in screen pixels at the current zoom.
  const slack = box.width / Math.max(1, el.offsetWidth);
  for (const c of Array.from(el.children) as HTMLElement[]) {
    if (getComputedStyle(c).position === 'absolute') continue;
    const r = c.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.top < box.top - slack || r.bottom > box.bottom + slack || r.left < box.left - slack || r.right > box.right + slack || c.scrollHeight > c.clientHeight + 1) return true;
  }
  return false;
}
