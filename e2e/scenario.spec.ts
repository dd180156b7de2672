import { expect, test } from '@playwright/test';
import { downloadVia, openApp, openExportPanel, openScenarioFile, readText, watchErrors } from './export-helpers';

/** Scenario files (save, load good and broken ones) and the scenarios saved in the browser. */

test('a saved scenario file reloads the exact run: configuration, seed, changes and time', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?vms=2&adapter=synthetic,sriov&sriov=0&seed=11&t=200000&play=0');
  // A change while running, so the file has to replay it.
  await page.evaluate(() => {
    window.hvv!.configure({ sriov: true });
    window.hvv!.advance(150_000);
  });
  const before = await page.evaluate(() => window.hvv!.stats());
  const panel = await openExportPanel(page);
  await panel.getByLabel('Name', { exact: true }).fill('SR-IOV switched on');
  const file = await downloadVia(page, 'Save to file');
  expect(file.name).toBe('sr-iov-switched-on.json');
  const saved = JSON.parse(readText(file.file));
  expect(saved.changes).toEqual([{ atNs: 200_000, change: { kind: 'set-sriov', on: true } }]);
  const traceBefore = readText((await downloadVia(page, 'Trace (JSONL)')).file);

  // Change everything, then open the file.
  expect(await page.evaluate(() => window.hvv!.configure({ vms: 3, adapter: 'emulated', seed: 3 }))).toEqual({ ok: true });
  expect(await page.evaluate(() => window.hvv!.stats())).not.toEqual(before);
  await openScenarioFile(page, file.name, readText(file.file));
  await expect(page.getByTestId('export-status')).toHaveText('Loaded scenario SR-IOV switched on.');
  await expect(page.getByTestId('export-problems')).toHaveCount(0);
  const after = await page.evaluate(() => window.hvv!.stats());
  expect(after).toEqual(before);
  // The very same trace, event for event.
  expect(readText((await downloadVia(page, 'Trace (JSONL)')).file)).toBe(traceBefore);
  errors.check();
});

test('a broken scenario file lists every problem with its path, and changes nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?seed=5&t=100000&play=0');
  const before = await page.evaluate(() => ({ stats: window.hvv!.stats(), link: window.hvv!.link() }));
  const good = JSON.parse(readText((await downloadVia(page, 'Save to file')).file));
  const broken = structuredClone(good);
  broken.seed = -3;
  broken.config.vms[0].adapter = 'virtio';
  broken.config.nic.vmqQueues = 500;
  broken.config.flows[0].packetBytes = 'big';
  delete broken.config.logicalProcessors;
  broken.colour = 'blue';
  await openScenarioFile(page, 'broken.json', JSON.stringify(broken));

  const problems = page.getByTestId('export-problems');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('broken.json was not loaded: nothing was changed');
  const paths = await problems.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-path')));
  expect(paths.sort()).toEqual(['(file)', 'config.flows[0].packetBytes', 'config.logicalProcessors', 'config.nic.vmqQueues', 'config.vms[0].adapter', 'seed'].sort());
  await expect(problems.locator('li[data-path="config.vms[0].adapter"]')).toContainText('"virtio" is not allowed; expected one of "synthetic", "emulated", "sriov"');
  await expect(problems.locator('li[data-path="seed"]')).toContainText('-3 is too small (at least 0)');
  await expect(problems.locator('li[data-path="(file)"]')).toContainText('unknown key(s): colour');
  const after = await page.evaluate(() => ({ stats: window.hvv!.stats(), link: window.hvv!.link() }));
  expect(after).toEqual(before);

  // Not JSON, and a newer schema version: one clear problem each.
  await openScenarioFile(page, 'notjson.json', '{"schemaVersion": 1, "name": ');
  await expect(problems.locator('li')).toHaveCount(1);
  await expect(problems).toContainText('the file is not valid JSON');
  await openScenarioFile(page, 'future.json', JSON.stringify({ ...good, schemaVersion: 7 }));
  await expect(problems).toContainText('made by a newer version of the app (schemaVersion 7)');
  expect(await page.evaluate(() => window.hvv!.stats())).toEqual(before.stats);
  errors.check();
});

test('problems are reported in Japanese on a Japanese page', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '?lang=ja&play=0');
  await page.getByTestId('export-menu-button').click();
  await page.getByTestId('scenario-file-input').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'x', savedAt: '', seed: 1.5, config: { vms: [] } })) });
  const problems = page.getByTestId('export-problems');
  await expect(problems).toContainText('x.json は読み込まれませんでした');
  await expect(problems.locator('li[data-path="seed"]')).toContainText('1.5 は整数ではありません');
  await expect(problems.locator('li[data-path="config.vms"]')).toContainText('1 個以上の項目が必要です');
  errors.check();
});

test('scenarios saved in the browser: save, rename, open, delete; a corrupt entry is reported and kept', async ({ page }) => {
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await openApp(page, '?seed=21&t=150000&play=0');
  const panel = await openExportPanel(page);
  await panel.getByLabel('Name', { exact: true }).fill('first');
  await panel.getByRole('button', { name: 'Save in this browser' }).click();
  await expect(page.getByTestId('export-status')).toHaveText('Saved first in this browser.');
  await page.evaluate(() => window.hvv!.advance(50_000));
  await panel.getByLabel('Name', { exact: true }).fill('second');
  await panel.getByRole('button', { name: 'Save in this browser' }).click();
  const list = page.getByTestId('saved-list');
  await expect(list.locator('li')).toHaveCount(2);

  // A corrupt entry next to them, written behind the app's back.
  await page.evaluate(() => localStorage.setItem('hvv.scenario.zz-broken', '{"schemaVersion":1,"name":"half'));
  await page.reload();
  await page.waitForFunction(() => !!window.hvv);
  await openExportPanel(page);
  await expect(page.getByTestId('saved-corrupt')).toContainText('Saved entry zz-broken');
  await expect(page.getByTestId('saved-corrupt')).toContainText('the file is not valid JSON');
  await expect(list.locator('li')).toHaveCount(2);

  await list.getByRole('button', { name: 'Rename first' }).click();
  await list.getByLabel('New name for first').fill('renamed');
  await list.getByRole('button', { name: 'OK' }).click();
  await expect(list).toContainText('renamed');

  await list.getByRole('button', { name: 'Open renamed' }).click();
  await expect(page.getByTestId('export-status')).toHaveText('Loaded scenario renamed.');
  expect(await page.evaluate(() => window.hvv!.stats().simTimeNs)).toBe(150_000);

  await list.getByRole('button', { name: 'Delete second' }).click();
  await expect(list.locator('li')).toHaveCount(1);
  // The corrupt entry was never touched.
  expect(await page.evaluate(() => localStorage.getItem('hvv.scenario.zz-broken'))).toBe('{"schemaVersion":1,"name":"half');
  errors.check();
});
