import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/** Light, dark and projector themes: system preference by default, the switcher, `?theme=`. */

test('the theme follows the system, then the switcher (remembered), and ?theme= wins', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const html = page.locator('html');
  await page.goto('/?lang=en');
  await page.waitForFunction(() => !!window.hvv);
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // The theme switcher lives in the header's View menu.
  await page.getByRole('button', { name: 'View', exact: true }).click();
  const theme = page.getByLabel('Theme');
  await expect(theme).toHaveValue('system');

  await theme.selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await theme.selectOption('projector');
  await expect(html).toHaveAttribute('data-theme', 'projector');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'projector');

  await page.goto('/?lang=en&theme=dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page).toHaveURL(/theme=dark/);

  await page.goto('/?lang=en&theme=neon');
  await expect(page.getByRole('alert')).toContainText('theme');
  await context.close();
});

for (const theme of ['dark', 'projector'] as const) {
  test(`axe finds no violations in the ${theme} theme`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`/?lang=en&theme=${theme}`);
    await page.waitForFunction(() => !!window.hvv);
    await page.evaluate(() => window.hvv?.pause());
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const r = await new AxeBuilder({ page }).analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}
