import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { shot } from './shots';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Issue 9: every gesture shows its effect. A switch flip from `/` at the default speed either
 * shows a pending cue naming the step it waits for (and the route changes after "Skip to new
 * route"), or a note at the switch saying why nothing changes, with a one-click fix.
 */

const paths = (page: Page) => page.evaluate(() => window.hvv?.state().paths);

/**
 * Measure, inside the page, wall ms from the switch's click to the first frame where `selector`
 * is in the DOM (what the learner sees), independent of the test runner's own latency.
 */
async function armEffectTimer(page: Page, selector: string, opts: { pauseOnEffect?: boolean } = {}) {
  await page.evaluate(({ sel, pause }) => {
    const w = window as unknown as { __effectMs?: number };
    w.__effectMs = undefined;
    let clickedAt = 0;
    document.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
    const check = () => {
      if (clickedAt && document.querySelector(sel)) {
        w.__effectMs = performance.now() - clickedAt;
        // Hold the moment still, so the checks that follow see the pending step even when a
        // loaded machine takes longer than the step lasts (≈1 s of wall time at 20 µs/s).
        if (pause) window.hvv?.pause();
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { sel: selector, pause: opts.pauseOnEffect ?? false });
  return async () => {
    await page.waitForFunction(() => (window as unknown as { __effectMs?: number }).__effectMs !== undefined, undefined, { timeout: 2000 });
    return page.evaluate(() => (window as unknown as { __effectMs: number }).__effectMs);
  };
}

test('from /, the default host shows all three paths and SR-IOV off shows its effect within 1 s', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  expect(await paths(page)).toEqual({ vm1: 'emulated', vm2: 'synthetic', vm3: 'sriov' });
  const measured = await armEffectTimer(page, '[data-testid="pending-cue"]', { pauseOnEffect: true });
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await expect(page.getByTestId('pending-cue').first()).toBeVisible({ timeout: 1000 });
  const elapsed = await measured();
  console.log(`SR-IOV off → pending cue in the DOM ${elapsed.toFixed(0)} ms after the click`);
  expect(elapsed).toBeLessThan(1000);
  await expect(page.getByTestId('pending-strip')).toContainText('vm3 waits for the VF removal');
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toEqual({ vm1: 'emulated', vm2: 'synthetic', vm3: 'synthetic' });
  await expect(page.getByTestId('pending-strip')).toHaveCount(0);
  // The engine's own note says what changed, at the component.
  await expect(page.getByRole('note').filter({ hasText: 'vm3 fell back to the synthetic path' })).toBeVisible();
});

test('from /, SR-IOV back on names each bring-up step; VMQ off names the queue release', async ({ page }) => {
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toMatchObject({ vm3: 'synthetic' });
  const started = Date.now();
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  // The bring-up moves on in simulated time (VF bring-up → vPCI offer → data path switch); a slow
  // frame on a loaded machine may already be past the first step when the check runs.
  await expect(page.getByTestId('pending-cue').filter({ hasText: /(VF bring-up|vPCI offer|data path switch) \(vm3\)/ })).toBeVisible({ timeout: 1000 });
  expect(Date.now() - started).toBeLessThan(1000);
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toMatchObject({ vm3: 'sriov' });

  const t0 = Date.now();
  await page.getByRole('switch', { name: 'VMQ' }).click();
  await expect(page.getByTestId('pending-strip')).toContainText(/vm2( and vm3)? waits? for the VMQ queue release/, { timeout: 1000 });
  expect(Date.now() - t0).toBeLessThan(1000);
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect(page.getByTestId('pending-strip')).toHaveCount(0);
  await expect(page.getByRole('note').filter({ hasText: 'VMQ off' }).first()).toBeVisible();
});

test('SR-IOV with no SR-IOV adapter says why at the switch and fixes it in one click', async ({ page }) => {
  await page.goto('/?adapter=synthetic&traffic=udp-in&sriov=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  const note = page.getByTestId('effect-note');
  await expect(note).toContainText('No VM uses an SR-IOV adapter', { timeout: 1000 });
  await note.getByRole('button', { name: 'Give vm1 an SR-IOV adapter' }).click();
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('pending-strip')).toContainText('vm1', { timeout: 1000 });
  // Held still for the README's picture of the pending cue (simulated time stops, the cue stays).
  await page.evaluate(() => window.hvv?.pause());
  await expect(page.getByTestId('pending-cue').first()).toBeVisible();
  await page.waitForTimeout(400); // past the cue's 240-ms fade-in
  await page.screenshot({ path: shot('pending-cue-en.png') });
  await page.getByRole('button', { name: 'Skip to new route' }).click();
  await expect.poll(() => paths(page)).toMatchObject({ vm1: 'sriov' });
});

test('ja: the pending cue and the note at the switch are in Japanese', async ({ page }) => {
  await page.goto('/?lang=ja&adapter=synthetic&traffic=udp-in&sriov=0');
  await page.waitForFunction(() => !!window.hvv);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await expect(page.getByTestId('effect-note')).toContainText('SR-IOV アダプターを使う VM がない');
  await page.getByTestId('effect-note').getByRole('button', { name: 'vm1 に SR-IOV アダプターを付ける' }).click();
  await expect(page.getByTestId('pending-strip')).toContainText('処理待ち');
  await page.evaluate(() => window.hvv?.pause());
  await expect(page.getByRole('button', { name: '新しい経路まで進める' })).toBeVisible();
  await expect(page.getByTestId('pending-cue').first()).toBeVisible();
  await page.waitForTimeout(400); // past the cue's 240-ms fade-in
  await page.screenshot({ path: shot('pending-cue-ja.png') });
});

test('a link made after mid-run changes reopens the same counters, routes, notes and selection at the same simulated time', async ({ page, context }) => {
  await page.goto('/');
  await page.waitForFunction(() => !!window.hvv && window.hvv.state().playing);
  // `play` is in the address bar from the start, and follows Pause at once.
  await expect.poll(() => new URL(page.url()).searchParams.get('play')).toBe('1');
  await page.waitForTimeout(800);
  await page.getByRole('switch', { name: 'SR-IOV' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('switch', { name: 'VMQ' }).click();
  await page.waitForTimeout(1500);
  await page.evaluate(() => window.hvv?.select('nic.queue.default'));
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('play')).toBe('0');

  const read = (p: Page) =>
    p.evaluate(() => {
      const h = window.hvv!;
      const s = h.stats();
      const st = h.state();
      return {
        counters: { sent: s.sent, delivered: s.delivered, dropped: s.dropped, inFlight: s.inFlight, simTimeNs: s.simTimeNs },
        paths: st.paths,
        notes: st.notes.map((n) => `${n.componentId} ${n.key}`).sort(),
        selection: st.selection,
      };
    });
  const before = await read(page);
  const link = await page.evaluate(() => window.hvv!.link());
  const ch = new URL(link).searchParams.get('ch') ?? '';
  expect(ch).toMatch(/^\d+:sriov:0,\d+:vmq:0$/);
  expect(link.length).toBeLessThan(2000);
  expect(before.notes.length).toBeGreaterThan(0);
  console.log(`link ${link.length} chars; before ${JSON.stringify(before.counters)}; notes ${before.notes.join(' | ')}`);

  const again = await context.newPage();
  await again.goto(link);
  await again.waitForFunction(() => !!window.hvv);
  const after = await read(again);
  console.log(`reopened ${JSON.stringify(after.counters)}`);
  expect(after).toEqual(before);
  // Drawn on the diagram, or (pending cues come first, at most three show) behind "+k more".
  const fell = again.getByRole('note').filter({ hasText: 'vm3 fell back to the synthetic path' });
  await expect(async () => {
    const more = again.getByTestId('notes-more');
    if ((await fell.count()) === 0 && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
    await expect(fell).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 5000 });
  await expect(again.getByRole('complementary', { name: 'Inspector' })).toBeVisible();
});

test('a link longer than 2,000 characters falls back to the short form and says so', async ({ page }) => {
  await page.goto('/?play=0');
  await page.waitForFunction(() => !!window.hvv);
  // 120 traffic edits: the exact link would be far over the limit.
  await page.evaluate(() => {
    for (let i = 0; i < 120; i++) {
      window.hvv!.advance(1000);
      window.hvv!.configure({ traffic: i % 2 ? 'udp-in' : 'udp-out' });
    }
  });
  const link = await page.evaluate(() => window.hvv!.link());
  expect(link.length).toBeLessThan(2000);
  expect(new URL(link).searchParams.get('ch')).toBeNull();
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('link-shortened')).toContainText('too long');
});
