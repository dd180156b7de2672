import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The offline copy (`npm run build:offline` → dist-offline/hyperv-visualizer.html, also copied into
 * dist/ by `npm run build`) opened as a file, the way a trainer double-clicks it on a USB stick:
 * the diagram runs, a lesson step opens, and nothing is logged as an error (no blocked script,
 * no CSP violation).
 */
const file = fileURLToPath(new URL('../dist-offline/hyperv-visualizer.html', import.meta.url));

test('the offline copy opens from file://: diagram, a lesson step, no console errors', async ({ page }) => {
  expect(existsSync(file), 'run `npm run build` first').toBe(true);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${pathToFileURL(file).href}?lang=en&lesson=sriov&step=1`);
  await expect(page).toHaveTitle(/Hyper-V Visualizer/);
  await expect.poll(() => page.evaluate(() => (window as unknown as { hvv?: { stats(): { events: number } } }).hvv?.stats().events ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const dock = page.getByTestId('lessons-dock');
  await expect(dock).toBeVisible();
  await expect(dock.getByText(/1 \/ \d+/).first()).toBeVisible();
  await dock.getByRole('button', { name: 'Next step' }).click();
  await expect(dock.getByText(/2 \/ \d+/).first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the normal build opened from file:// says, without a script, to use the offline copy (en + ja)', async ({ page }) => {
  const index = fileURLToPath(new URL('../dist/index.html', import.meta.url));
  await page.goto(pathToFileURL(index).href);
  await expect(page.getByRole('heading', { name: 'Hyper-V Visualizer cannot start from this file' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('hyperv-visualizer.html').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'このファイルからは Hyper-V Visualizer を起動できません' })).toBeVisible();
});

test('the app offers the offline copy in its View menu, and the file is served beside index.html', async ({ page, baseURL }) => {
  await page.goto('/?lang=en');
  await page.getByRole('button', { name: /^View/ }).click();
  const item = page.getByTestId('offline-copy');
  await expect(item).toHaveAttribute('href', './hyperv-visualizer.html');
  await expect(item).toContainText('Download offline copy');
  const res = await page.request.get(`${baseURL}/hyperv-visualizer.html`);
  expect(res.ok()).toBe(true);
  // The normal page's "opened from a folder" notice never shows once the app runs.
  await expect(page.getByText('cannot start from this file')).toHaveCount(0);
});
