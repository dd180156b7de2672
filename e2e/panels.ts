import type { Page } from '@playwright/test';

/**
 * Unfold the event log. On screens shorter than 1000 px it starts folded into a one-line bar
 * (the diagram comes first); the bar's button is named "Event log".
 */
export async function openEventLog(page: Page) {
  const bar = page.getByRole('button', { name: 'Event log', exact: true, expanded: false });
  if (await bar.isVisible()) await bar.click();
}
