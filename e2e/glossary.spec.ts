import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * The glossary: opened from a lesson step with the keyboard, filtered, and each entry's link
 * selects its component on the diagram; Esc closes it and focus returns; axe finds nothing in
 * English or Japanese.
 */

const S = {
  en: { open: 'Open the glossary of Hyper-V terms', filter: 'Find a term', show: /^Show GPADL .* on the diagram: /, title: 'Glossary of Hyper-V terms' },
  ja: { open: 'Hyper-V 用語集を開く', filter: '用語を探す', show: /^GPADL .*を図で見る: /, title: 'Hyper-V 用語集' },
} as const;

async function openLessonStep(page: Page, lang: 'en' | 'ja') {
  await page.goto(`/?lang=${lang}&lesson=vmbus&step=3`);
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv?.pause());
  await expect(page.getByTestId('lesson-step-counter')).toBeVisible();
}

for (const lang of ['en', 'ja'] as const) {
  test(`glossary from a lesson step, keyboard only, links to the diagram (${lang})`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const s = S[lang];
    await openLessonStep(page, lang);
    const opener = page.getByRole('button', { name: s.open });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: s.title });
    await expect(dialog).toBeVisible();
    const entries = dialog.locator('[data-term]');
    expect(await entries.count()).toBeGreaterThanOrEqual(30);

    // Esc closes it and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    // Again: filter to GPADL, then "Show on the diagram" selects the ring the GPADL shares.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(s.filter).fill('GPADL');
    await expect(dialog.locator('[data-term="gpadl"]')).toBeVisible();
    const link = dialog.getByRole('button', { name: s.show });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect.poll(() => page.evaluate(() => JSON.stringify(window.hvv?.state().selection))).toContain('vm1.vmbus.out');
    expect(errors).toEqual([]);
  });

  test(`axe: the glossary (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    await openLessonStep(page, lang);
    await page.getByRole('button', { name: S[lang].open }).click();
    await expect(page.getByRole('dialog', { name: S[lang].title })).toBeVisible();
    const r = await new AxeBuilder({ page }).include('[data-testid="glossary-dialog"]').analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}

test('the inspector links the selected component to its glossary entry', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lang=en');
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv?.pause());
  await page.evaluate(() => window.hvv?.select('vm1.netvsc'));
  const link = page.getByRole('button', { name: 'Look up NetVSC in the glossary' });
  // The inspector's chunk loads when the page is idle: give a loaded machine time for it.
  await expect(link).toBeVisible({ timeout: 15_000 });
  await link.click();
  const dialog = page.getByRole('dialog', { name: 'Glossary of Hyper-V terms' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-term="netvsc"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});
