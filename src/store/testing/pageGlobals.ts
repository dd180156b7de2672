import { vi } from 'vitest';

/**
 * The small pieces of a page the store needs in Node tests: requestAnimationFrame (a 16 ms timer)
 * and, unless `window: false`, a `window` with an empty address and a history whose
 * replaceState is a mock (the URL sync writes there). Call in `beforeAll`.
 */
export function installPageGlobals({ window = true }: { window?: boolean } = {}): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.requestAnimationFrame = (cb: (t: number) => void) => setTimeout(() => cb(performance.now()), 16) as unknown as number;
  g.cancelAnimationFrame = (id: number) => clearTimeout(id);
  if (window) {
    g.window = {
      location: { search: '', hash: '', origin: 'http://x', pathname: '/', href: 'http://x/' },
      history: { state: null, replaceState: vi.fn() },
    };
  }
}
