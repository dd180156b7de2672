import { useLayoutEffect, type RefObject } from 'react';

/**
 * "Show less, never draw smaller" inside one box: when a node's text does not fit its box (a long
 * name in Japanese, a narrow box in the folded layouts, presenter type), the box is marked
 * `data-tight` and its secondary line (`.hvv-sub`) goes, instead of the text spilling over the
 * zone title or the next box. Measured before paint, again when the box is resized or the
 * language changes. Notes, cues and badges hang outside the box on purpose (they are absolutely
 * positioned) and are not counted.
 */
export function useTightBox(ref: RefObject<HTMLElement | null>, language: string) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      // Write only when there is something to undo: every box checks itself in the same commit,
      // and a write before each read would force a fresh layout of the whole page per box
      // (≈0.4 s of the first render on a phone-class CPU).
      if (el.dataset.tight !== undefined) delete el.dataset.tight;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return;
      // One CSS pixel of slack, in screen pixels at the current zoom.
      const slack = box.width / Math.max(1, el.offsetWidth);
      for (const c of Array.from(el.children) as HTMLElement[]) {
        if (getComputedStyle(c).position === 'absolute') continue;
        const r = c.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.top < box.top - slack || r.bottom > box.bottom + slack || r.left < box.left - slack || r.right > box.right + slack || c.scrollHeight > c.clientHeight + 1) {
          el.dataset.tight = '';
          return;
        }
      }
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, language]);
}
