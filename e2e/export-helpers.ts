/** Shared steps of the export, metrics, scenario and fuzz specs. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

export const tmp = (prefix = 'hvv-e2e-') => mkdtempSync(join(tmpdir(), prefix));

/** Collect uncaught errors and console errors of a page; `check()` asserts there were none. */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return { errors, check: () => expect(errors).toEqual([]) };
}

export async function openApp(page: Page, query = '') {
  await page.goto(`/${query}`);
  await page.waitForFunction(() => !!window.hvv && !!document.querySelector('[data-testid="export-menu-button"]'));
}

export async function openExportPanel(page: Page) {
  const panel = page.getByTestId('export-panel');
  if (!(await panel.isVisible())) await page.getByTestId('export-menu-button').click();
  await expect(panel).toBeVisible();
  return panel;
}

/** Click an export button and return the downloaded file's path and name. */
export async function downloadVia(page: Page, buttonName: string | RegExp, timeout = 60_000) {
  const panel = await openExportPanel(page);
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout }), panel.getByRole('button', { name: buttonName, exact: typeof buttonName === 'string' }).click()]);
  const dir = tmp();
  const file = join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, name: dl.suggestedFilename() };
}

export const readText = (file: string) => readFileSync(file, 'utf8');

/** Load a scenario file through the panel's file input. */
export async function openScenarioFile(page: Page, name: string, text: string) {
  const panel = await openExportPanel(page);
  await panel.getByTestId('scenario-file-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

/** `npm run sim` (the CLI) with these arguments; stdout as text. */
export function runCli(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 29, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The CLI's binary standard output (pcapng). */
export function runCliBytes(args: string[]): Buffer {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { maxBuffer: 1 << 29, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function writeTempFile(name: string, text: string | Buffer) {
  const file = join(tmp(), name);
  writeFileSync(file, text);
  return file;
}
