/**
 * Theme contrast (issue 8): component labels against their box, and the labels of dimmed
 * components (the box drawn at DIM_OPACITY over its partition) in every theme. Read from the
 * tokens in src/index.css, so a token change that breaks legibility fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Must match NodeShell's dimmed class (opacity-50). */
const DIM_OPACITY = 0.5;

const css = readFileSync(new URL('../../index.css', import.meta.url), 'utf8');

function tokens(selector: string | null): Record<string, string> {
  const block = selector === null ? /@theme\s*\{([\s\S]*?)\n\}/.exec(css) : new RegExp(`\\[data-theme="${selector}"\\]\\s*\\{([\\s\\S]*?)\\n\\}`).exec(css);
  const out: Record<string, string> = {};
  for (const m of (block?.[1] ?? '').matchAll(/--color-([a-z-]+):\s*(#[0-9a-fA-F]{6})/g)) out[m[1] as string] = m[2] as string;
  return out;
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const lum = ([r, g, b]: number[]) => {
  const f = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r as number) + 0.7152 * f(g as number) + 0.0722 * f(b as number);
};
const ratio = (a: number[], b: number[]) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};
const over = (fg: number[], bg: number[], alpha: number) => fg.map((c, i) => alpha * c + (1 - alpha) * (bg[i] as number));

const THEMES = { light: null, dark: 'dark', projector: 'projector' } as const;
const ZONES = ['zone-root', 'zone-child', 'zone-hardware', 'zone-hypervisor'] as const;

describe('diagram label contrast', () => {
  for (const [name, sel] of Object.entries(THEMES)) {
    const t = { ...tokens(null), ...(sel ? tokens(sel) : {}) };
    const ink = rgb(t.ink as string);
    const node = rgb(t.node as string);
    it(`${name}: labels ≥ 4.5:1 on their box, sub-labels ≥ 4.5:1`, () => {
      const r = ratio(ink, node);
      const m = ratio(rgb(t.muted as string), node);
      console.log(`[contrast] ${name}: label ${r.toFixed(2)}:1, sub-label ${m.toFixed(2)}:1`);
      expect(r).toBeGreaterThanOrEqual(4.5);
      expect(m).toBeGreaterThanOrEqual(4.5);
    });
    it(`${name}: dimmed labels ≥ 3:1 over every partition`, () => {
      const worst = Math.min(
        ...ZONES.map((z) => {
          const zone = rgb(t[z] as string);
          return ratio(over(ink, zone, DIM_OPACITY), over(node, zone, DIM_OPACITY));
        }),
      );
      console.log(`[contrast] ${name}: dimmed label (worst zone) ${worst.toFixed(2)}:1`);
      expect(worst).toBeGreaterThanOrEqual(3);
    });
  }
});
