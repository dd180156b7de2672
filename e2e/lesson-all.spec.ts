import { expect, test } from '@playwright/test';
import { LESSONS } from '../src/lessons/lessons';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Every step of every lesson opens without an error: each step shows its counter, title and
 * narration; every lesson question is answered and graded by the engine; Next walks through to the
 * completion screen, and the list then shows every lesson as completed.
 */
/** 1-based steps that ask a question, per lesson in list order (from the lesson data). */
const QUESTION_STEPS = LESSONS.map((l) => l.steps.flatMap((s, i) => (s.question ? [i + 1] : [])));

test('every lesson, every step', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/?lang=en');
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => localStorage.clear());
  await page.getByRole('button', { name: 'Lessons and quiz', exact: true }).click();
  const items = page.getByRole('list', { name: 'All lessons' }).getByRole('listitem');
  const count = await items.count();
  let answered = 0;
  expect(count).toBe(LESSONS.length);
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByRole('button').click();
    const counter = page.getByTestId('lesson-step-counter');
    const total = Number((await counter.textContent())!.split('/')[1]);
    for (let step = 1; step <= total; step++) {
      await expect(counter).toHaveText(`${step} / ${total}`);
      await expect(page.getByTestId('lesson-narration')).not.toBeEmpty();
      await expect(page.getByRole('heading', { level: 3 }).first()).not.toBeEmpty();
      if (QUESTION_STEPS[i]?.includes(step)) {
        // The lesson's own question: the engine grades an answer and the result names its choice.
        const question = page.getByTestId('lesson-question');
        await expect(question).toBeVisible({ timeout: 20_000 });
        await question.locator('[data-choice]').first().click();
        await expect(question.getByTestId('quiz-result')).toBeVisible({ timeout: 20_000 });
        await expect(question.getByTestId('quiz-engine-answer')).not.toContainText('none of these');
        answered++;
      }
      await page.getByRole('button', { name: 'Next step', exact: true }).click();
    }
    await expect(page.getByTestId('lesson-complete')).toBeVisible();
    // The recap: two or three things to remember, each with a link to its live readout.
    const recap = page.getByTestId('lesson-recap');
    await expect(recap.getByRole('listitem')).toHaveCount(LESSONS[i]!.recap!.length);
    await expect(recap.getByRole('button', { name: /^See it live: / })).toHaveCount(LESSONS[i]!.recap!.length);
    await page.getByRole('button', { name: 'Close the lesson and show all lessons' }).click();
  }
  await expect(page.getByTestId('lesson-progress').filter({ hasText: 'Completed' })).toHaveCount(LESSONS.length);
  // Lessons 1–6 each ask one of their own now (and the emulated, SR-IOV and failover lessons too).
  expect(QUESTION_STEPS.slice(0, 6).every((q) => q.length >= 1)).toBe(true);
  expect(answered).toBe(QUESTION_STEPS.flat().length);
  expect(errors).toEqual([]);
});

test('a recap figure links to the live readout that shows it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const emulated = LESSONS.find((l) => l.id === 'emulated')!;
  const total = emulated.steps.length;
  // The emulated lesson's last step, then Finish: the completion screen with its recap.
  await page.goto(`/?lang=en&lesson=emulated&step=${total}`);
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.getByTestId('lesson-step-counter')).toHaveText(`${total} / ${total}`);
  await page.getByRole('button', { name: 'Next step', exact: true }).click();
  const recap = page.getByTestId('lesson-recap');
  await expect(recap).toContainText('≈100 Mb/s');
  // “≈100 Mb/s” → the step with the throughput readout, and the focus lands on that readout.
  await recap.getByRole('button', { name: /^See it live: Throughput of vm1 / }).click();
  const ceiling = emulated.steps.findIndex((s) => s.id === 'ceiling') + 1;
  await expect(page.getByTestId('lesson-step-counter')).toHaveText(`${ceiling} / ${total}`);
  const readout = page.getByTestId('readout-throughput-vm1');
  await expect(readout).toBeFocused();
  await expect(readout).toHaveAttribute('data-recap-target', 'true');
  // The engine fills it in: the emulated adapter's throughput, in Mb/s.
  await expect(readout).toContainText(/Mb\/s/, { timeout: 20_000 });
  expect(errors).toEqual([]);
});
