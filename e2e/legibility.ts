import type { Page } from '@playwright/test';

/**
 * Effective size of the diagram's component labels as a user sees them: the computed CSS font
 * size of each visible `.hvv-label` / `.hvv-title` times the React Flow viewport zoom (the scale
 * of `.react-flow__viewport`). "Visible" means rendered (not display:none) and at least half
 * inside the diagram pane.
 */
export interface LabelMeasure {
  zoom: number;
  count: number;
  min: number;
  median: number;
  /** Text of the smallest label (for the report). */
  smallest: string;
  pane: { w: number; h: number };
}

export async function measureLabels(page: Page): Promise<LabelMeasure> {
  return page.evaluate(() => {
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
    const pane = document.querySelector<HTMLElement>('[data-testid="diagram"]');
    if (!vp || !pane) return { zoom: 0, count: 0, min: 0, median: 0, smallest: '', pane: { w: 0, h: 0 } };
    const m = new DOMMatrixReadOnly(getComputedStyle(vp).transform);
    const zoom = Math.hypot(m.a, m.b);
    const pr = pane.getBoundingClientRect();
    const sizes: { px: number; text: string }[] = [];
    for (const el of pane.querySelectorAll<HTMLElement>('.react-flow__node .hvv-label, .react-flow__node .hvv-title')) {
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden' || !el.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const ix = Math.max(0, Math.min(r.right, pr.right) - Math.max(r.left, pr.left));
      const iy = Math.max(0, Math.min(r.bottom, pr.bottom) - Math.max(r.top, pr.top));
      if (ix * iy < 0.5 * r.width * r.height) continue;
      sizes.push({ px: parseFloat(cs.fontSize) * zoom, text: el.textContent.trim() });
    }
    sizes.sort((a, b) => a.px - b.px);
    const r2 = (v: number) => Math.round(v * 10) / 10;
    return {
      zoom: Math.round(zoom * 1000) / 1000,
      count: sizes.length,
      min: r2(sizes[0]?.px ?? 0),
      median: r2(sizes[Math.floor(sizes.length / 2)]?.px ?? 0),
      smallest: sizes[0]?.text ?? '',
      pane: { w: Math.round(pr.width), h: Math.round(pr.height) },
    };
  });
}

/** Wait until the diagram has fitted (the viewport transform holds still for two frames). */
export async function settleDiagram(page: Page) {
  await page.waitForSelector('.react-flow__viewport');
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = await page.evaluate(() => {
      const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
      const pane = document.querySelector<HTMLElement>('[data-testid="diagram"]');
      return `${vp?.style.transform}|${pane?.getAttribute('data-lod-level') ?? ''}|${pane?.clientWidth}x${pane?.clientHeight}`;
    });
    if (now === last && i > 2) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

/** Switch the diagram to its full level of detail (one click on the detail toggle) if it is folded. */
export async function showFullDetail(page: Page) {
  const diagram = page.getByTestId('diagram');
  await diagram.waitFor();
  if ((await diagram.getAttribute('data-lod-level')) !== 'full') await page.getByTestId('detail-toggle').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="diagram"]')?.getAttribute('data-lod-level') === 'full');
}

/**
 * Component boxes (components, folded groups, the collapsed group) that the diagram pane cuts at
 * its left or right edge, or that lie wholly beside it: what a user would have to pan sideways to
 * read. Zones, frames and labels do not count.
 */
export async function boxesCutAtSides(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector<HTMLElement>('[data-testid="diagram"]');
    if (!pane) return ['no diagram'];
    const pr = pane.getBoundingClientRect();
    const out: string[] = [];
    const boxes = pane.querySelectorAll<HTMLElement>(
      '.react-flow__node:not(.react-flow__node-zone):not(.react-flow__node-frame):not(.react-flow__node-passlabel)',
    );
    for (const n of boxes) {
      const r = n.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < pr.left - 0.5 || r.right > pr.right + 0.5) out.push(`${n.getAttribute('data-id')} (${Math.round(r.left - pr.left)}…${Math.round(r.right - pr.left)} of ${Math.round(pr.width)})`);
    }
    return out;
  });
}

/**
 * Text that does not fit, as a user sees it: every visible component label or title (`.hvv-label`,
 * `.hvv-title`, the hypervisor band's pass-through labels) must lie inside its node's box and show
 * all its text (not clipped), and no two such texts may overlap. Returns one line per problem.
 * One CSS pixel of slack (at the current zoom) absorbs rounding.
 */
export async function measureFit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector<HTMLElement>('[data-testid="diagram"]');
    if (!pane) return ['no diagram'];
    const vp = document.querySelector<HTMLElement>('.react-flow__viewport');
    const m = vp ? new DOMMatrixReadOnly(getComputedStyle(vp).transform) : null;
    const zoom = m ? Math.hypot(m.a, m.b) : 1;
    const slack = zoom;
    const pr = pane.getBoundingClientRect();
    const out: string[] = [];
    // Lines of one box stack by the box's own flow (their glyph boxes may touch): only texts of
    // different boxes are checked against each other.
    const seen: { r: DOMRect; text: string; node: Element | null }[] = [];
    for (const el of pane.querySelectorAll<HTMLElement>('.react-flow__node .hvv-label, .react-flow__node .hvv-title, [data-testid="pass-label"] > span')) {
      const cs = getComputedStyle(el);
      const text = el.textContent?.trim() ?? '';
      if (cs.display === 'none' || cs.visibility === 'hidden' || !text) continue;
      // The text's own extent (a Range), not its element's: text can overflow an element that fits.
      const range = document.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // Only what is on screen (mostly inside the pane).
      const ix = Math.max(0, Math.min(r.right, pr.right) - Math.max(r.left, pr.left));
      const iy = Math.max(0, Math.min(r.bottom, pr.bottom) - Math.max(r.top, pr.top));
      if (ix * iy < 0.5 * r.width * r.height) continue;
      const node = el.closest<HTMLElement>('.react-flow__node');
      const nr = node?.getBoundingClientRect();
      if (nr && (r.left < nr.left - slack || r.right > nr.right + slack || r.top < nr.top - slack || r.bottom > nr.bottom + slack)) {
        out.push(`"${text}" spills out of its box (${Math.round(Math.max(nr.left - r.left, r.right - nr.right, nr.top - r.top, r.bottom - nr.bottom))} px)`);
      }
      if (el.scrollWidth > el.clientWidth + 1) out.push(`"${text}" is wider than its line (${el.scrollWidth - el.clientWidth} px)`);
      for (const o of seen) {
        if (node && o.node === node) continue;
        const ox = Math.min(r.right, o.r.right) - Math.max(r.left, o.r.left);
        const oy = Math.min(r.bottom, o.r.bottom) - Math.max(r.top, o.r.top);
        if (ox > slack && oy > slack) out.push(`"${text}" overlaps "${o.text}"`);
      }
      seen.push({ r, text, node });
    }
    return out;
  });
}

/**
 * Boxes whose text runs out of them although they are not marked `data-tight` (useTightBox hides a
 * tight box's secondary line). Empty when every box that needs it is marked. One line per box.
 */
export async function untightOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node .hvv-node')) {
      if (el.dataset.tight !== undefined) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const slack = box.width / Math.max(1, el.offsetWidth);
      for (const c of Array.from(el.children) as HTMLElement[]) {
        if (getComputedStyle(c).position === 'absolute') continue;
        const r = c.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.top < box.top - slack || r.bottom > box.bottom + slack || r.left < box.left - slack || r.right > box.right + slack || c.scrollHeight > c.clientHeight + 1) {
          out.push(`"${el.textContent?.trim().slice(0, 40) ?? ''}" overflows and is not marked tight`);
          break;
        }
      }
    }
    return out;
  });
}
