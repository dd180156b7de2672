/**
 * Diagram export as plain SVG (and PNG rendered from it) by flattening what is on screen:
 *
 * - every `<svg>` inside the diagram (React Flow's edges and markers, the background pattern,
 *   icons) is copied with its computed styles inlined and placed with its screen transform
 *   (`getScreenCTM`), so edges keep their exact geometry, colour, dash and arrowheads;
 * - every `<canvas>` (the packet overlay: packets in flight) becomes an `<image>` at its place;
 * - HTML boxes (nodes, group zones, the legend, because-notes) become `<rect>`s with their
 *   computed background, border and radius, and their text becomes `<text>` lines at the
 *   positions the browser laid them out;
 * - opacity (the current highlight dims the rest) is carried over.
 *
 * The result has no `<foreignObject>`, so it opens in slide tools that do not render HTML inside
 * SVG, and rasterising it into a canvas never taints the canvas. Elements marked
 * `data-export-ignore` (zoom controls, buttons) are left out.
 */

export interface FlattenOptions {
  /** Background colour; default the root's computed background, else the page's. */
  background?: string;
  /** Extra CSS selector of elements to leave out. */
  ignore?: string;
}

export interface FlatSvg {
  svg: string;
  width: number;
  height: number;
  /** What was drawn, for tests and status messages. */
  counts: { svg: number; paths: number; canvases: number; boxes: number; texts: number };
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const DEFAULT_IGNORE = '[data-export-ignore], .react-flow__controls, .react-flow__minimap, .react-flow__attribution, .react-flow__panel button';

/** SVG presentation properties copied from computed style onto each cloned SVG element. */
const SVG_STYLE_PROPS = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap',
  'stroke-linejoin', 'stroke-opacity', 'opacity', 'marker-start', 'marker-mid', 'marker-end', 'font-family', 'font-size',
  'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display', 'stop-color', 'stop-opacity',
] as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => (Math.round(n * 100) / 100).toString();
/** Transform coefficients need more precision: a zoom of 0.525153 rounded to 0.53 moves far points by pixels. */
const coef = (n: number) => (Math.round(n * 1e6) / 1e6).toString();

function isTransparent(c: string): boolean {
  if (!c || c === 'transparent') return true;
  const m = /rgba?\(([^)]+)\)/.exec(c);
  if (m) {
    const parts = (m[1] as string).split(/[\s,/]+/).filter(Boolean);
    if (parts.length === 4 && parseFloat(parts[3] as string) === 0) return true;
  }
  return false;
}

/** Copy an SVG subtree with computed styles inlined (so CSS classes and variables are not needed). */
function cloneSvgWithStyles(src: SVGElement): SVGElement {
  const clone = src.cloneNode(true) as SVGElement;
  const srcAll = [src, ...Array.from(src.querySelectorAll('*'))];
  const dstAll = [clone, ...Array.from(clone.querySelectorAll('*'))];
  srcAll.forEach((s, i) => {
    const d = dstAll[i] as Element | undefined;
    if (!d) return;
    const cs = getComputedStyle(s);
    const style: string[] = [];
    for (const p of SVG_STYLE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v && v !== 'normal' && v !== 'auto') style.push(`${p}:${v}`);
    }
    d.setAttribute('style', style.join(';'));
    d.removeAttribute('class');
  });
  return clone;
}

/** Words of a text node grouped into the lines the browser laid out, with their boxes. */
function textLines(node: Text): { text: string; left: number; top: number; height: number }[] {
  const text = node.data;
  const range = document.createRange();
  const lines: { text: string; left: number; top: number; height: number; right: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.top - r.top) < r.height / 2) {
      last.text += ' ' + m[0];
      last.right = r.right;
    } else {
      lines.push({ text: m[0], left: r.left, top: r.top, height: r.height, right: r.right });
    }
  }
  range.detach?.();
  return lines;
}

/** Flatten `root` (the diagram container) into a standalone SVG string. */
export function flattenToSvg(root: HTMLElement, opts: FlattenOptions = {}): FlatSvg {
  const box = root.getBoundingClientRect();
  const W = Math.max(1, Math.round(box.width));
  const H = Math.max(1, Math.round(box.height));
  const ox = box.left;
  const oy = box.top;
  const ignore = opts.ignore ? `${DEFAULT_IGNORE}, ${opts.ignore}` : DEFAULT_IGNORE;
  const counts = { svg: 0, paths: 0, canvases: 0, boxes: 0, texts: 0 };
  /**
   * Painted items with their stacking key: the z-indexes of the positioned ancestors that set
   * one (outermost first). React Flow stacks with z-index, not document order (each edge is its
   * own <svg> at z 2 above the zones at z 0), so items are sorted by that key, then by order.
   */
  const items: { s: string; key: number[]; order: number }[] = [];
  let zChain: number[] = [];
  const out = { push: (s: string) => items.push({ s, key: zChain, order: items.length }) };
  const serializer = new XMLSerializer();

  const rootBg = getComputedStyle(root).backgroundColor;
  const pageBg = getComputedStyle(document.body).backgroundColor;
  const background = opts.background ?? (isTransparent(rootBg) ? (isTransparent(pageBg) ? '#ffffff' : pageBg) : rootBg);

  /**
   * `scale` is the CSS transform scale of the element (React Flow zooms its viewport with a
   * transform): font sizes, borders and radii from getComputedStyle are unscaled, boxes are not.
   */
  const visit = (el: Element, opacity: number, parentScale: number) => {
    if (el.matches(ignore)) return;
    const cs = getComputedStyle(el);
    if (cs.display === 'none') return;
    const op = opacity * (parseFloat(cs.opacity) || (cs.opacity === '0' ? 0 : 1));
    if (op <= 0.001) return;
    const outerChain = zChain;
    const z = parseInt(cs.zIndex, 10);
    if (el !== root && cs.position !== 'static' && Number.isFinite(z)) zChain = [...zChain, z];
    try {
      paint(el, cs, op, parentScale);
    } finally {
      zChain = outerChain;
    }
  };

  const paint = (el: Element, cs: CSSStyleDeclaration, op: number, parentScale: number) => {
    const hidden = cs.visibility === 'hidden';

    if (el instanceof SVGSVGElement) {
      if (hidden) return;
      const ctm = el.getScreenCTM();
      if (!ctm) return;
      const clone = cloneSvgWithStyles(el);
      // Markers and gradients are referenced by id: keep them, but make the outer element a <g>.
      const g = document.createElementNS(SVG_NS, 'g');
      g.setAttribute('transform', `matrix(${coef(ctm.a)},${coef(ctm.b)},${coef(ctm.c)},${coef(ctm.d)},${coef(ctm.e - ox)},${coef(ctm.f - oy)})`);
      if (op < 1) g.setAttribute('opacity', num(op));
      while (clone.firstChild) g.appendChild(clone.firstChild);
      out.push(serializer.serializeToString(g));
      counts.svg++;
      counts.paths += el.querySelectorAll('path').length;
      return;
    }

    const r = el.getBoundingClientRect();
    const ow = el instanceof HTMLElement ? el.offsetWidth : 0;
    const scale = ow > 0 && r.width > 0 ? r.width / ow : parentScale;
    if (el instanceof HTMLCanvasElement) {
      if (hidden || r.width === 0 || r.height === 0 || el.width === 0 || el.height === 0) return;
      let href: string;
      try {
        href = el.toDataURL('image/png');
      } catch {
        return; // a tainted canvas cannot be exported
      }
      out.push(`<image x="${num(r.left - ox)}" y="${num(r.top - oy)}" width="${num(r.width)}" height="${num(r.height)}"${op < 1 ? ` opacity="${num(op)}"` : ''} preserveAspectRatio="none" href="${href}" xlink:href="${href}"/>`);
      counts.canvases++;
      return;
    }

    if (el instanceof HTMLImageElement) {
      if (hidden || !el.complete || el.naturalWidth === 0) return;
      try {
        const c = document.createElement('canvas');
        c.width = el.naturalWidth;
        c.height = el.naturalHeight;
        c.getContext('2d')?.drawImage(el, 0, 0);
        const href = c.toDataURL('image/png');
        out.push(`<image x="${num(r.left - ox)}" y="${num(r.top - oy)}" width="${num(r.width)}" height="${num(r.height)}" preserveAspectRatio="none" href="${href}"/>`);
      } catch {
        // cross-origin image: left out
      }
      return;
    }

    if (!hidden && r.width > 0 && r.height > 0 && el !== root) {
      const bg = cs.backgroundColor;
      const bw = ['Top', 'Right', 'Bottom', 'Left'].map((s) => (parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) || 0) * scale);
      const bc = ['top', 'right', 'bottom', 'left'].map((s) => cs.getPropertyValue(`border-${s}-color`));
      const bs = ['top', 'right', 'bottom', 'left'].map((s) => cs.getPropertyValue(`border-${s}-style`));
      const visibleSide = (i: number) => (bw[i] as number) > 0 && bs[i] !== 'none' && bs[i] !== 'hidden' && !isTransparent(bc[i] as string);
      const radius = Math.min((parseFloat(cs.borderTopLeftRadius) || 0) * scale, r.width / 2, r.height / 2);
      const x = r.left - ox;
      const y = r.top - oy;
      const opAttr = op < 1 ? ` opacity="${num(op)}"` : '';
      const uniform = [0, 1, 2, 3].every((i) => visibleSide(i) && bw[i] === bw[0] && bc[i] === bc[0]);
      if (!isTransparent(bg) || uniform) {
        const stroke = uniform ? ` stroke="${esc(bc[0] as string)}" stroke-width="${num(bw[0] as number)}"` : '';
        const inset = uniform ? (bw[0] as number) / 2 : 0;
        out.push(`<rect x="${num(x + inset)}" y="${num(y + inset)}" width="${num(r.width - 2 * inset)}" height="${num(r.height - 2 * inset)}" rx="${num(radius)}" fill="${isTransparent(bg) ? 'none' : esc(bg)}"${stroke}${opAttr}/>`);
        counts.boxes++;
      }
      if (!uniform) {
        const sides: [number, number, number, number][] = [
          [x, y, r.width, bw[0] as number],
          [x + r.width - (bw[1] as number), y, bw[1] as number, r.height],
          [x, y + r.height - (bw[2] as number), r.width, bw[2] as number],
          [x, y, bw[3] as number, r.height],
        ];
        sides.forEach((s, i) => {
          if (visibleSide(i)) out.push(`<rect x="${num(s[0])}" y="${num(s[1])}" width="${num(s[2])}" height="${num(s[3])}" fill="${esc(bc[i] as string)}"${opAttr}/>`);
        });
      }
    }

    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (hidden || !(child as Text).data.trim()) continue;
        const fontSize = (parseFloat(cs.fontSize) || 12) * scale;
        for (const line of textLines(child as Text)) {
          // Baseline: centre of the line box plus about a third of the font size.
          const baseline = line.top - oy + line.height / 2 + fontSize * 0.35;
          out.push(
            `<text x="${num(line.left - ox)}" y="${num(baseline)}" fill="${esc(cs.color)}" font-family="${esc(cs.fontFamily)}" font-size="${num(fontSize)}" font-weight="${esc(cs.fontWeight)}"${cs.fontStyle !== 'normal' ? ` font-style="${esc(cs.fontStyle)}"` : ''}${op < 1 ? ` opacity="${num(op)}"` : ''} xml:space="preserve">${esc(line.text)}</text>`,
          );
          counts.texts++;
        }
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        visit(child as Element, op, scale);
      }
    }
  };

  visit(root, 1, 1);
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  items.sort((a, b) => cmp(a.key, b.key) || a.order - b.order);
  const svg =
    `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<rect width="100%" height="100%" fill="${esc(background)}"/>` +
    items.map((i) => i.s).join('') +
    `</svg>`;
  return { svg, width: W, height: H, counts };
}

/** Rasterise an SVG string to a PNG blob at `scale` × its size. */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The diagram's container on the page: the element marked for export, else React Flow's root. */
export function findDiagramRoot(doc: Document = document): HTMLElement | null {
  return doc.querySelector<HTMLElement>('[data-export-root="diagram"]') ?? doc.querySelector<HTMLElement>('.react-flow')?.parentElement ?? null;
}
