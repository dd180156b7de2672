import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * A full lesson walked with the keyboard only, in English and in Japanese: open the lessons dock,
 * start the first lesson, read each step, move with Page Down / Enter on "Next step", answer its
 * question, let a step that waits for an engine event advance by itself, finish, and see the
 * progress remembered.
 */

const strings = {
  en: {
    dock: 'Lessons and quiz',
    start: 'Start: Partitions and the hypervisor',
    next: 'Next step',
    prev: 'Previous step',
    counter: (i: number, n: number) => `${i} / ${n}`,
    waiting: 'Waiting for:',
    firstTitle: 'A thin layer under every OS',
    complete: 'Lesson complete',
    back: 'Close the lesson and show all lessons',
    list: 'All lessons',
    done: 'Completed',
  },
  ja: {
    dock: 'レッスンとクイズ',
    start: '開始: パーティションとハイパーバイザー',
    next: '次のステップ',
    prev: '前のステップ',
    counter: (i: number, n: number) => `${i} / ${n}`,
    waiting: '待機中:',
    firstTitle: 'すべての OS の下にある薄い層',
    complete: 'レッスン完了',
    back: 'レッスンを閉じて一覧に戻る',
    list: 'レッスン一覧',
    done: '完了',
  },
} as const;

/** Steps of the first lesson (partitions): four to read, its question, a wait, the conclusion. */
const N = 7;

async function open(page: Page, lang: 'en' | 'ja') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`/?lang=${lang}`);
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => localStorage.clear());
  return errors;
}

/** Focus a control and press a key: the keyboard does the work, focus() only puts us there. */
async function press(page: Page, name: string, key = 'Enter') {
  const b = page.getByRole('button', { name, exact: true });
  await b.focus();
  await expect(b).toBeFocused();
  await page.keyboard.press(key);
}

for (const lang of ['en', 'ja'] as const) {
  test(`a full lesson walked with the keyboard (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const s = strings[lang];
    const errors = await open(page, lang);

    await press(page, s.dock);
    await press(page, s.start);
    const counter = page.getByTestId('lesson-step-counter');
    await expect(counter).toHaveText(s.counter(1, N));
    // The Start button is gone: focus moved to the step's heading, so the keyboard carries on there.
    await expect(page.getByRole('heading', { name: s.firstTitle })).toBeFocused();
    // The first step's components are emphasised for the diagram.
    expect(await page.evaluate(() => window.hvv?.state())).toBeTruthy();

    // Step 1 → 4 with Page Down while focus is in the panel, then back one and forward again.
    const next = page.getByRole('button', { name: s.next, exact: true });
    await next.focus();
    for (let i = 2; i <= 4; i++) {
      await page.keyboard.press('PageDown');
      await expect(counter).toHaveText(s.counter(i, N));
      await expect(page.getByTestId('lesson-narration')).not.toBeEmpty();
    }
    await page.keyboard.press('PageUp');
    await expect(counter).toHaveText(s.counter(3, N));
    await press(page, s.prev, 'Enter');
    await expect(counter).toHaveText(s.counter(2, N));
    await press(page, s.next, 'Enter');
    await press(page, s.next, ' ');
    await press(page, s.next, 'Enter');
    await expect(counter).toHaveText(s.counter(5, N));

    // Step 5 is the lesson's question: answer it from the keyboard; the engine grades it.
    const choice = page.getByTestId('lesson-question').locator('[data-choice]').first();
    await choice.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quiz-result')).toBeVisible();
    await press(page, s.next, 'Enter');
    await expect(counter).toHaveText(s.counter(6, N));

    // Step 6 waits for the first frame from vm1 to reach the root; run the engine until it does.
    await expect(page.getByTestId('lesson-wait')).toContainText(s.waiting);
    for (let i = 0; i < 200; i++) {
      if ((await counter.textContent()) === s.counter(7, N)) break;
      await page.evaluate(() => window.hvv?.advance(5_000));
      await page.waitForTimeout(20);
    }
    await expect(counter).toHaveText(s.counter(7, N));
    await expect(page.getByTestId('lesson-reached')).toBeVisible();
    await expect(page.getByTestId('lesson-wait')).not.toContainText(s.waiting);

    // Finish: the completion screen, then back to the list where the lesson shows as completed.
    await press(page, s.next);
    await expect(page.getByRole('heading', { name: s.complete })).toBeVisible();
    await press(page, s.back);
    await expect(page.getByRole('list', { name: s.list }).getByRole('button').first()).toBeFocused();
    await expect(page.getByTestId('lesson-partitions').getByTestId('lesson-progress')).toContainText(s.done);

    // Progress is remembered across a reload.
    await page.reload();
    await page.waitForFunction(() => !!window.hvv);
    await press(page, s.dock);
    await expect(page.getByTestId('lesson-partitions').getByTestId('lesson-progress')).toContainText(s.done);
    expect(errors).toEqual([]);
  });
}
