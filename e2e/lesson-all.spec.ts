import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Every step of every lesson opens without an error: each step shows its counter, title and
 * narration; Next walks through to the completion screen, and the list then shows every lesson as
 * completed.
 */
test('every lesson, every step', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/?lang=en');
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => localStorage.clear());
  await page.getByRole('button', { name: 'Lessons and quiz', exact: true }).click();
  const items = page.getByRole('list', { name: 'All lessons' }).getByRole('listitem');
  const count = await items.count();
  expect(count).toBe(11);
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByRole('button').click();
    const counter = page.getByTestId('lesson-step-counter');
    const total = Number((await counter.textContent())!.split('/')[1]);
    for (let step = 1; step <= total; step++) {
      await expect(counter).toHaveText(`${step} / ${total}`);
      await expect(page.getByTestId('lesson-narration')).not.toBeEmpty();
      await expect(page.getByRole('heading', { level: 3 }).first()).not.toBeEmpty();
      await page.getByRole('button', { name: 'Next step', exact: true }).click();
    }
    await expect(page.getByTestId('lesson-complete')).toBeVisible();
    await page.getByRole('button', { name: 'Close the lesson and show all lessons' }).click();
  }
  await expect(page.getByTestId('lesson-progress').filter({ hasText: 'Completed' })).toHaveCount(11);
  expect(errors).toEqual([]);
});
