import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** The Share dialog: a link and an <iframe> snippet for the current state, size presets, modal. */

test('Share gives a link and an iframe snippet for this state; Esc closes and focus returns', async ({ page }) => {
  await page.goto('/?lang=en&lesson=vmq&step=2');
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv?.pause());
  const share = page.getByRole('button', { name: 'Share', exact: true });
  await share.click();
  const dialog = page.getByRole('dialog', { name: 'Share this simulation' });
  await expect(dialog).toBeVisible();

  const link = await dialog.getByLabel('Link').inputValue();
  // The lesson's scene set the configuration; the link carries it, the time and the lesson step.
  expect(link).toMatch(/[?&]vms=\d+/);
  expect(link).toMatch(/lesson=vmq&step=2/);
  expect(link).toMatch(/[?&]t=\d+/);
  expect(link).not.toMatch(/embed=1/);

  const snippet = dialog.getByTestId('share-snippet');
  await expect(snippet).toHaveValue(/^<iframe src="[^"]*embed=1[^"]*" width="480" height="320" title="Hyper-V Visualizer: [^"]+"/);
  await dialog.getByRole('radio', { name: '800 × 450' }).check();
  await expect(snippet).toHaveValue(/width="800" height="450"/);
  await dialog.getByLabel('Theme of the embed').selectOption('projector');
  await expect(snippet).toHaveValue(/theme=projector/);
  await dialog.getByRole('checkbox').uncheck();
  await expect(snippet).not.toHaveValue(/lesson=/);

  // The snippet opens the same state as an embed.
  const src = /src="([^"]+)"/.exec(await snippet.inputValue())?.[1]?.replace(/&amp;/g, '&') ?? '';
  // Focus stays inside (modal), Esc closes, focus returns to the button.
  for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(share).toBeFocused();

  await page.setViewportSize({ width: 800, height: 450 });
  await page.goto(src);
  await expect(page.getByTestId('embed-root')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  expect(await page.evaluate(() => window.hvv?.state().url.vms)).toBe(Number(new URL(link).searchParams.get('vms')));
});

for (const lang of ['en', 'ja']) {
  test(`a 480×320 embed keeps its controls on one row, with the frame focused (${lang})`, async ({ page }) => {
    // A second row (the "Release keyboard" button appears with the focus) took ≈40 px from a
    // 241 px diagram pane: its top and bottom rows were cut. Below 36rem the button is its key.
    await page.setViewportSize({ width: 480, height: 320 });
    await page.goto(`/?embed=1&lang=${lang}`);
    await page.waitForFunction(() => !!window.hvv);
    const release = page.getByTestId('embed-release');
    await expect(release).toBeVisible();
    await expect(release).toHaveAccessibleName(lang === 'en' ? 'Release keyboard (Esc)' : 'キーボードを返す (Esc)');
    const tops = await page.getByRole('toolbar').evaluate((bar) => [...bar.children].map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
    await expect(page.getByRole('link', { name: lang === 'en' ? 'Open full app' : 'フル画面版を開く' })).toBeVisible();
  });
}
