import { expect, test, type Page } from '@playwright/test';
import en from '../src/i18n/locales/en.json' with { type: 'json' };
import ja from '../src/i18n/locales/ja.json' with { type: 'json' };
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** The live language switcher keeps the simulation; after switching, no English UI text is left. */

const snapshot = (page: Page) =>
  page.evaluate(() => {
    const h = window.hvv as Hvv;
    const { url, playing, selection, speed } = h.state();
    return { stats: h.stats(), url: { ...url, lang: null }, playing, selection, speed };
  });

test('switching the language live keeps the simulation time, state and selection', async ({ page }) => {
  await page.goto('/?lang=en&vms=2&traffic=udp-out&vmq=1&speed=20us');
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => {
    const h = window.hvv as Hvv;
    h.pause();
    for (let i = 0; i < 25; i++) h.step();
    h.select('vm2.netvsc');
  });
  const before = await snapshot(page);
  expect(before.stats.events).toBeGreaterThan(0);

  await page.getByLabel('Language').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('button', { name: 'プレゼンターモード' })).toBeVisible();
  expect(await snapshot(page)).toEqual(before);
  await expect(page).toHaveURL(/lang=ja/);

  // And back, still the same moment; the simulation then carries on from there.
  await page.getByLabel('言語').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await snapshot(page)).toEqual(before);
  await page.evaluate(() => window.hvv?.step());
  expect((await snapshot(page)).stats.events).toBeGreaterThan(before.stats.events);
});

type Tree = { [k: string]: string | Tree };
function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** English phrases that must not survive a switch to Japanese: multi-word, no placeholders. */
function englishPhrases(): string[] {
  const e = leaves(en as Tree);
  const j = leaves(ja as Tree);
  return [...e.entries()]
    .filter(([k, v]) => j.get(k) !== v && !v.includes('{{') && /^[A-Za-z][a-z]+ [a-z]+/.test(v) && v.length >= 10)
    .map(([, v]) => v);
}

for (const mode of ['app', 'presenter', 'embed'] as const) {
  test(`after switching to Japanese no English UI phrase is left (${mode})`, async ({ page }) => {
    await page.goto(mode === 'embed' ? '/?lang=en&embed=1&lesson=sriov&step=2' : '/?lang=en&vms=2&lesson=sriov&step=2');
    await page.waitForFunction(() => !!window.hvv);
    await page.evaluate(() => window.hvv?.pause());
    if (mode === 'embed') {
      // The embed has no switcher: the language comes with the URL (or a configure command).
      await page.evaluate(() => window.hvv?.configure({ lang: 'ja' }));
    } else {
      await page.getByRole('button', { name: 'View', exact: true }).click();
      await page.getByRole('button', { name: 'Component list' }).click();
      await page.getByLabel('Language').selectOption('ja');
      if (mode === 'presenter') {
        // The header (with the switcher) steps aside in presenter mode: switch first, then present.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press('p');
        await expect(page.getByTestId('presenter-bar')).toBeVisible();
        await page.evaluate(() => window.hvv?.pause());
      }
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    const text = await page.evaluate(() => document.body.innerText);
    const left = englishPhrases().filter((p) => text.includes(p));
    expect(left).toEqual([]);
  });
}
