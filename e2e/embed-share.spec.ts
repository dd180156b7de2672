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
