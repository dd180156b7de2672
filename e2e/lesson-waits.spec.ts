import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Lessons never leave a learner stuck or misinformed (issue 9):
 * - a wait longer than ≈3 s of wall time shows its progress and offers to skip ahead;
 * - Next on a step that waits runs to the event first, so the next step's claim ("vm1 is on the
 *   VF again") matches its live numbers;
 * - Next on an unanswered question asks whether to skip it.
 */

async function open(page: Page, query: string) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?${query}`);
  await page.waitForFunction(() => !!window.hvv);
  return errors;
}

test('a long wait shows progress after ≈3 s and Skip ahead runs to the event', async ({ page }) => {
  // The SR-IOV lesson's VF bring-up: about 20 s of wall time at the step's speed.
  const errors = await open(page, 'lesson=sriov&step=2');
  const counter = page.getByTestId('lesson-step-counter');
  await expect(counter).toHaveText('2 / 7');
  const wait = page.getByTestId('lesson-wait');
  await expect(wait).toContainText('Waiting for:');
  await expect(page.getByTestId('lesson-skip-wait')).toHaveCount(0);
  const t0 = Date.now();
  const bar = wait.getByRole('progressbar', { name: 'How far the simulation has come towards it' });
  await expect(bar).toBeVisible({ timeout: 6_000 });
  expect(Date.now() - t0).toBeGreaterThan(2_000);
  const pct = Number(await bar.getAttribute('aria-valuenow'));
  expect(pct).toBeGreaterThanOrEqual(0);
  expect(pct).toBeLessThan(100);
  await expect(wait).toContainText(/seconds? more at this speed/);
  await page.getByRole('button', { name: /Skip ahead to it/ }).click();
  // The event happened: the lesson moved on by itself and says what it waited for.
  await expect(counter).toHaveText('3 / 7');
  await expect(page.getByTestId('lesson-reached')).toContainText('SWITCH_DATA_PATH');
  expect(errors).toEqual([]);
});

test('Next during a wait runs to the event: “vm1 is on the VF again” and the live path agree', async ({ page }) => {
  // The failover lesson's step 5 waits for the data path to switch back to the VF.
  const errors = await open(page, 'lesson=failover&step=5');
  const counter = page.getByTestId('lesson-step-counter');
  await expect(counter).toHaveText('5 / 7');
  await expect(page.getByTestId('lesson-wait')).toContainText('Waiting for:');
  await expect(page.getByTestId('readout-path-vm1')).toContainText('synthetic');
  await page.getByRole('button', { name: 'Next step', exact: true }).click();
  await expect(counter).toHaveText('6 / 7');
  await expect(page.getByTestId('lesson-narration')).toContainText('vm1 is on the VF again');
  await expect(page.getByTestId('readout-path-vm1')).toContainText('SR-IOV VF');
  expect(errors).toEqual([]);
});

for (const lang of ['en', 'ja'] as const) {
  const s = {
    en: { next: 'Next step', confirm: 'Skip this question without answering it?', answer: 'Answer it', skip: 'Skip the question' },
    ja: { next: '次のステップ', confirm: 'この問題に答えずに飛ばしますか?', answer: '答える', skip: '問題を飛ばす' },
  }[lang];
  test(`Next on an unanswered question asks whether to skip it (${lang})`, async ({ page }) => {
    const errors = await open(page, `lang=${lang}&lesson=partitions&step=5`);
    const counter = page.getByTestId('lesson-step-counter');
    await expect(counter).toHaveText('5 / 7');
    await expect(page.getByTestId('lesson-question')).toBeVisible();
    const next = page.getByRole('button', { name: s.next, exact: true });
    await next.click();
    const prompt = page.getByRole('alertdialog', { name: s.confirm });
    await expect(prompt).toBeVisible();
    await expect(counter).toHaveText('5 / 7');
    // "Answer it" keeps the question; the prompt goes.
    await prompt.getByRole('button', { name: s.answer }).click();
    await expect(prompt).toHaveCount(0);
    await expect(counter).toHaveText('5 / 7');
    // A clicker: Page Down asks, a second Page Down skips.
    await next.focus();
    await page.keyboard.press('PageDown');
    await expect(prompt).toBeVisible();
    await expect(counter).toHaveText('5 / 7');
    await page.keyboard.press('PageDown');
    await expect(counter).toHaveText('6 / 7');
    await expect(prompt).toHaveCount(0);
    // Back on the question, the Skip button skips too.
    await page.getByRole('button', { name: lang === 'en' ? 'Previous step' : '前のステップ', exact: true }).click();
    await expect(counter).toHaveText('5 / 7');
    await next.click();
    await prompt.getByRole('button', { name: s.skip }).click();
    await expect(counter).toHaveText('6 / 7');
    expect(errors).toEqual([]);
  });
}
