import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Predict-the-path questions answered wrong and right. The test does not know the answers: it
 * answers once, reads what the engine did, then starts the same quiz again (same number, same
 * question, same engine run) and answers with and against the engine's result.
 */

async function openQuiz(page: Page, seed: number) {
  await page.getByRole('button', { name: 'Lessons and quiz', exact: true }).click();
  await page.getByRole('tab', { name: 'Predict the path' }).click();
  const input = page.getByLabel('Quiz number');
  await input.fill(String(seed));
  await input.press('Enter');
  await expect(page.getByTestId('quiz-question')).toBeVisible();
}

async function start(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lang=en');
  await page.waitForFunction(() => !!window.hvv);
  return errors;
}

/** Answer with a choice button, from the keyboard; return what the engine says happened. */
async function answer(page: Page, choiceId: string) {
  const choice = page.locator(`[data-choice="${choiceId}"]`);
  await choice.focus();
  await page.keyboard.press('Enter');
  const result = page.getByTestId('quiz-result');
  await expect(result).toBeVisible();
  // Focus moves to the verdict, so a keyboard user hears it and continues from there.
  await expect(page.getByTestId('quiz-result').getByRole('status')).toBeFocused();
  return { correct: (await result.getAttribute('data-correct')) === 'true', engine: (await page.getByTestId('quiz-engine-answer').textContent()) ?? '' };
}

test('a predict-the-path question answered wrong, then right, graded by the engine', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await start(page);
  // Quiz 3 opens with a path question (kinds rotate with the quiz number).
  await openQuiz(page, 3);
  const q = page.getByTestId('quiz-question');
  await expect(q).toHaveAttribute('data-kind', 'path');
  const prompt = await page.getByTestId('quiz-prompt').textContent();
  const choices = await q.locator('[data-choice]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-choice'), e.textContent]));
  expect(choices.length).toBe(3);

  // First attempt: whatever the first choice is. Read the engine's answer.
  const first = await answer(page, choices[0]![0]!);
  const engineLabel = first.engine.replace('What the engine did: ', '');
  const rightId = choices.find(([, label]) => label === engineLabel)?.[0];
  expect(rightId, `engine answer "${engineLabel}" is one of the choices`).toBeTruthy();
  expect(first.correct).toBe(rightId === choices[0]![0]);
  // The diagram replays the packet: the simulation is playing and its route is highlighted.
  await expect.poll(() => page.evaluate(() => window.hvv?.state().playing)).toBeTruthy();

  // The same quiz number gives the same question; answer against the engine, then with it.
  await page.getByRole('button', { name: 'Close quiz' }).click();
  await page.getByLabel('Quiz number').fill('3');
  await page.getByLabel('Quiz number').press('Enter');
  await expect(page.getByTestId('quiz-prompt')).toHaveText(prompt!);
  const wrongId = choices.find(([id]) => id !== rightId)![0]!;
  const wrong = await answer(page, wrongId);
  expect(wrong.correct).toBe(false);
  await expect(page.getByRole('status').filter({ hasText: 'Not this time.' })).toBeVisible();
  await expect(page.getByTestId('quiz-score')).toHaveText('Score: 0 / 1');

  await page.getByRole('button', { name: 'Close quiz' }).click();
  await page.getByLabel('Quiz number').fill('3');
  await page.getByLabel('Quiz number').press('Enter');
  const right = await answer(page, rightId!);
  expect(right.correct).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Right!' })).toBeVisible();
  await expect(page.getByTestId('quiz-score')).toHaveText('Score: 1 / 1');
  expect(errors).toEqual([]);
});

test('a component question answered by selecting the component on the diagram', async ({ page }) => {
  const errors = await start(page);
  // Quiz 4 opens with a component question.
  await openQuiz(page, 4);
  await expect(page.getByTestId('quiz-question')).toHaveAttribute('data-kind', 'component');
  const candidates = await page.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')!));
  // Selecting a candidate on the diagram (what a click on its node does) answers the question.
  await page.evaluate((id) => window.hvv?.select(id), candidates[0]!);
  await expect(page.getByTestId('quiz-result')).toBeVisible();
  await expect(page.getByText(/^Your answer: /)).toBeVisible();
  expect(errors).toEqual([]);
});
