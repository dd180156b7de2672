import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';
import { shot } from './shots';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * Screenshot of a lesson step in Japanese for the README: the synthetic-adapter lesson at the
 * step where the first frame has reached NetVSP, with its components highlighted.
 */
test('screenshot: a lesson step in Japanese', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto('/?lang=ja');
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => localStorage.clear());
  // Make room for the diagram: hide the side panels and the event log (the header's toggles).
  for (const name of ['操作', '詳細', 'イベント ログ']) {
    const toggle = page.getByRole('button', { name, exact: true, pressed: true });
    if (await toggle.count()) await toggle.first().click();
  }
  await page.getByRole('button', { name: 'レッスンとクイズ', exact: true }).click();
  await page.getByRole('button', { name: '開始: NetVSC、NetVSP と合成ネットワーク アダプター' }).click();
  const next = page.getByRole('button', { name: '次のステップ', exact: true });
  for (let i = 0; i < 3; i++) await next.click();
  await expect(page.getByTestId('lesson-step-counter')).toHaveText('4 / 7');
  // Run the engine until the step's event (the first frame at NetVSP) moves the lesson on.
  // Small increments: the next event this step waits for (the frame on the wire) is a few µs later.
  for (let i = 0; i < 400 && (await page.getByTestId('lesson-step-counter').textContent()) !== '5 / 7'; i++) {
    await page.evaluate(() => window.hvv?.advance(1_000));
    await page.waitForTimeout(30);
  }
  await expect(page.getByTestId('lesson-step-counter')).toHaveText('5 / 7');
  // A little further, so the frame is seen crossing the switch.
  await page.evaluate(() => window.hvv?.advance(1_500));
  await page.waitForTimeout(400);
  await expect(page.getByTestId('lesson-step-counter')).toHaveText('5 / 7');
  await page.screenshot({ path: shot('lesson-ja.png') });
});

const UI = {
  en: { dock: 'Lessons and quiz', glossary: 'Open the glossary of Hyper-V terms', title: 'Glossary of Hyper-V terms' },
  ja: { dock: 'レッスンとクイズ', glossary: 'Hyper-V 用語集を開く', title: 'Hyper-V 用語集' },
} as const;

for (const lang of ['en', 'ja'] as const) {
  test(`screenshot: a lesson recap (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1600, height: 900 });
    // The emulated lesson's last step, then Finish: its recap with the ≈100 Mb/s figure.
    await page.goto(`/?lang=${lang}&lesson=emulated&step=8`);
    await page.waitForFunction(() => !!window.hvv);
    await expect(page.getByTestId('lesson-step-counter')).toHaveText('8 / 8');
    await page.getByTestId('lesson-open').getByRole('button').last().click();
    await expect(page.getByTestId('lesson-recap')).toBeVisible();
    await page.evaluate(() => window.hvv?.pause());
    // The panel scrolled to the focused heading; show the lesson's header too.
    await page.getByTestId('lesson-open').evaluate((el) => el.closest('[role="tabpanel"]')?.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot(`lesson-recap-${lang}.png`) });
  });

  test(`screenshot: the glossary (${lang})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(`/?lang=${lang}&lesson=vmbus&step=3`);
    await page.waitForFunction(() => !!window.hvv);
    await page.evaluate(() => window.hvv?.pause());
    await page.getByRole('button', { name: UI[lang].glossary }).click();
    await expect(page.getByRole('dialog', { name: UI[lang].title })).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot(`glossary-${lang}.png`) });
  });
}
