import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { settleDiagram } from './legibility';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Issue 8, notes that never pile up: the "because" notes and pending cues the switches make are
 * placed clear of each other and of every component box; at most three show, the rest behind a
 * keyboard-operable "+k more"; a note fades before it goes and stays in the event log.
 */

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  what: string;
}

/** Screen boxes of the drawn notes, the "+k more" control and every component box. */
async function boxes(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, what };
    };
    const layer = document.querySelector('[data-testid="notes-layer"]');
    const notes = layer ? [...layer.querySelectorAll(':scope > [role="note"]')].map((el) => box(el, el.textContent ?? '')) : [];
    const more = document.querySelector('[data-testid="notes-more"]');
    const comps = [
      ...document.querySelectorAll(
        '.react-flow__node:not(.react-flow__node-zone):not(.react-flow__node-frame) .hvv-node, .react-flow__node-fold, .react-flow__node-collapsed, .react-flow__node-passlabel',
      ),
    ].map((el) => box(el, el.closest('.react-flow__node')?.getAttribute('data-id') ?? ''));
    return { notes, more: more ? box(more, 'more') : null, comps, hidden: Number(layer?.getAttribute('data-hidden') ?? 0) };
  });
}

const overlap = (a: Box, b: Box, tol = 1) => a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;

function assertApart(drawn: Box[], comps: Box[]) {
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) expect(overlap(drawn[i] as Box, drawn[j] as Box), `${drawn[i]?.what} × ${drawn[j]?.what}`).toBe(false);
    for (const c of comps) expect(overlap(drawn[i] as Box, c), `${drawn[i]?.what} × ${c.what}`).toBe(false);
  }
}

async function flip(page: Page, name: string) {
  await page.getByRole('switch', { name }).click();
  const skip = page.getByRole('button', { name: 'Skip to new route' });
  await expect(skip).toBeVisible({ timeout: 2000 });
  await skip.click();
  await expect(skip).toHaveCount(0);
}

async function makeNotes(page: Page) {
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  await settleDiagram(page);
  // SR-IOV off, VMQ off, VMQ on, SR-IOV on: a note at vm3's NetVSC, the default queue, two queues, a VF.
  await flip(page, 'SR-IOV');
  await flip(page, 'VMQ');
  await flip(page, 'VMQ');
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await expect(page.getByTestId('pending-cue').first()).toBeVisible({ timeout: 2000 });
}

for (const size of [
  { w: 1280, h: 720 },
  { w: 1600, h: 900 },
]) {
  test(`${size.w}×${size.h}: several notes never overlap each other or a component; "+k more" opens the rest from the keyboard`, async ({ page }) => {
    await page.setViewportSize({ width: size.w, height: size.h });
    await makeNotes(page);
    const state = await page.evaluate(() => ({ notes: window.hvv!.state().notes.length, pending: window.hvv!.state().pending.length }));
    expect(state.notes).toBeGreaterThanOrEqual(4);
    await page.evaluate(() => window.hvv!.pause());
    await page.waitForTimeout(200);
    const b = await boxes(page);
    console.log(`[notes] ${size.w}×${size.h}: ${state.notes} notes + ${state.pending} pending; ${b.notes.length} drawn, ${b.hidden} behind "+k more"`);
    expect(b.notes.length).toBeGreaterThanOrEqual(1);
    expect(b.notes.length).toBeLessThanOrEqual(3);
    expect(b.notes.length + b.hidden).toBe(state.notes + state.pending);
    assertApart([...b.notes, ...(b.more ? [b.more] : [])], b.comps);

    expect(b.hidden).toBeGreaterThan(0);
    const more = page.getByTestId('notes-more');
    await expect(more).toHaveAccessibleName(`Show ${b.hidden} more ${b.hidden === 1 ? 'note' : 'notes'}`);
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    const list = page.getByTestId('notes-more-list');
    await expect(list.getByRole('note')).toHaveCount(b.hidden);
    await page.screenshot({ path: `test-results/screenshots/notes-${size.w}x${size.h}-en.png` });
    await list.getByRole('note').first().click();
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);
    await expect(more).toBeFocused();
  });
}

test('ja: notes are placed apart and "+k more" has a Japanese name', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lang=ja');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  await settleDiagram(page);
  for (const name of ['SR-IOV', 'VMQ', 'VMQ']) {
    await page.getByRole('switch', { name }).click();
    const skip = page.getByRole('button', { name: '新しい経路まで進める' });
    await expect(skip).toBeVisible({ timeout: 2000 });
    await skip.click();
    await expect(skip).toHaveCount(0);
  }
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await page.evaluate(() => window.hvv!.pause());
  await page.waitForTimeout(200);
  const b = await boxes(page);
  assertApart([...b.notes, ...(b.more ? [b.more] : [])], b.comps);
  if (b.hidden) await expect(page.getByTestId('notes-more')).toHaveAccessibleName(`ほかのメモ ${b.hidden} 件を表示`);
  await page.screenshot({ path: 'test-results/screenshots/notes-1280x720-ja.png' });
});

test('a because-note fades, then goes from the diagram, and stays in the event log', async ({ page }) => {
  test.setTimeout(45_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  await flip(page, 'SR-IOV');
  const note = page.getByTestId('notes-layer').getByRole('note').filter({ hasText: 'vm3 fell back to the synthetic path' });
  await expect(note).toBeVisible();
  const opacity = () => note.evaluate((el) => Number(getComputedStyle(el).opacity));
  expect(await opacity()).toBeGreaterThan(0.9);
  // NOTE_LIFETIME_MS is 15 s and the fade takes its last 4 s.
  await page.waitForTimeout(13_500);
  expect(await opacity()).toBeLessThan(0.8);
  await expect(note).toHaveCount(0, { timeout: 4000 });

  await page.getByRole('button', { name: 'Event log' }).click();
  const log = page.getByTestId('log-notes');
  await expect(log).toContainText('vm3 fell back to the synthetic path');
  await log.getByRole('button', { name: /notes?$/ }).click();
  const rows = log.getByRole('list', { name: /Notes of this run/ }).getByRole('listitem');
  await expect(rows.filter({ hasText: 'vm3 fell back to the synthetic path' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Pending: VF removal' })).toHaveCount(1);
});

test('with prefers-reduced-motion a note does not animate', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  await flip(page, 'SR-IOV');
  const note = page.getByTestId('notes-layer').getByRole('note').filter({ hasText: 'vm3 fell back' });
  await expect(note).toBeVisible();
  expect(await note.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
});
