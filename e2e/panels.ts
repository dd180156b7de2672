import { expect, type Page } from '@playwright/test';

/**
 * Unfold the event log. On screens shorter than 1000 px it starts folded into a one-line bar
 * (the diagram comes first); the bar's button is named "Event log".
 */
export async function openEventLog(page: Page) {
  const bar = page.getByRole('button', { name: 'Event log', exact: true, expanded: false });
  const log = page.getByRole('listbox', { name: 'Events, oldest first' });
  // `window.hvv` exists before the shell's first commit (a transition), so wait for the log to be
  // drawn one way or the other before deciding: `isVisible()` alone does not wait.
  await expect(bar.or(log)).toBeVisible();
  if (await bar.isVisible()) await bar.click();
  await expect(log).toBeVisible();
}

/**
 * Enter presenter mode with the P key. The shortcut is attached a moment after first paint (its
 * code loads after the first render), so press until the presenter bar is there.
 */
export async function pressPresenter(page: Page) {
  await expect(async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    if (!(await page.getByTestId('presenter-bar').isVisible())) await page.keyboard.press('p');
    await expect(page.getByTestId('presenter-bar')).toBeVisible({ timeout: 1500 });
  }).toPass({ timeout: 10_000 });
}
