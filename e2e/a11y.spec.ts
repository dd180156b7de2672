import { pressPresenter } from './panels';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Hvv } from '../src/store/automation';

declare global {
  interface Window {
    hvv?: Hvv;
  }
}

/**
 * axe-core finds no violations on the main view, a lesson step, presenter mode and embed mode,
 * in English and Japanese. The simulation is paused first so the page holds still.
 */

async function ready(page: Page) {
  await page.waitForFunction(() => !!window.hvv);
  await page.evaluate(() => window.hvv?.pause());
  await page.locator('[data-testid="diagram"], [data-testid="diagram-placeholder"]').first().waitFor();
}

/** Open the header's View menu (panels, component list, reduce motion, theme). */
async function openViewMenu(page: Page) {
  const button = page.locator('#view-menu-button');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(page.getByTestId('view-menu')).toBeVisible();
}

async function expectNoViolations(page: Page) {
  // axe walks the whole diagram: slow on a 2-core machine without a GPU.
  test.setTimeout(90_000);
  const r = await new AxeBuilder({ page }).analyze();
  const summary = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary).toEqual([]);
}

for (const lang of ['en', 'ja'] as const) {
  test.describe(`axe, ${lang}`, () => {
    test('main view', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await ready(page);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expectNoViolations(page);
    });

    test('main view with the component list and the share dialog', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await ready(page);
      await openViewMenu(page);
      await page.locator('#component-list-toggle').click();
      await expect(page.getByTestId('component-list')).toBeVisible();
      // The View menu is still open here: axe checks it too.
      await expectNoViolations(page);
      await page.getByTestId('header-tools').getByRole('button', { name: lang === 'en' ? 'Share' : '共有', exact: true }).click();
      await expect(page.getByTestId('share-dialog')).toBeVisible();
      await expectNoViolations(page);
    });

    test('a lesson step', async ({ page }) => {
      await page.goto(`/?lang=${lang}&lesson=vmq&step=2`);
      await ready(page);
      await expect(page).toHaveURL(/step=2/);
      await expectNoViolations(page);
    });

    test('presenter mode', async ({ page }) => {
      await page.goto(`/?lang=${lang}&lesson=sriov&step=2`);
      await ready(page);
      await pressPresenter(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
      await expectNoViolations(page);
    });

    test('embed mode', async ({ page }) => {
      await page.setViewportSize({ width: 480, height: 320 });
      await page.goto(`/?lang=${lang}&embed=1&lesson=sriov&step=2`);
      await ready(page);
      await expect(page.getByTestId('embed-root')).toBeVisible();
      await expectNoViolations(page);
    });
  });
}

test('every control in the header and the playback bar is reachable with Tab and shows focus', async ({ page }) => {
  await page.goto('/?lang=en');
  await ready(page);
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') || el.textContent?.trim() || el.id, outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
    });
    if (!info) continue;
    expect(info.outline, `focus ring on ${info.name}`).toBe(true);
    seen.add(info.name);
  }
  for (const name of ['Presenter mode', 'Share', 'Copy link', 'View', 'Keyboard shortcuts', 'Play', 'Step']) expect([...seen].some((s) => s.includes(name)), name).toBe(true);

  // The View menu from the keyboard: Enter opens it on its first control, ↓ moves through every
  // control (each shows focus) and ends on the Theme select, the last one (a select keeps the
  // arrow keys for itself, so it must come last); Esc closes it and the focus goes back to its button.
  const view = page.locator('#view-menu-button');
  await view.focus();
  await page.keyboard.press('Enter');
  await expect(view).toHaveAttribute('aria-expanded', 'true');
  const inMenu = new Set<string>();
  for (let i = 0; i < 14; i++) {
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.closest('[data-testid="view-menu"]')) return null;
      const cs = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') || el.textContent?.trim() || el.id, outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2, select: el.tagName === 'SELECT' };
    });
    expect(info, `focus inside the View menu after ${i} arrow presses`).not.toBeNull();
    if (!info) break;
    expect(info.outline, `focus ring on ${info.name}`).toBe(true);
    inMenu.add(info.name);
    if (info.select) break;
    await page.keyboard.press('ArrowDown');
  }
  for (const name of ['Controls', 'Inspector', 'Event log', 'Download offline copy', 'Component list', 'Reduce motion']) expect([...inMenu].some((s) => s.startsWith(name)), name).toBe(true);
  await expect(page.getByLabel('Theme')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('view-menu')).toHaveCount(0);
  await expect(view).toBeFocused();
  await expect(view).toHaveAttribute('aria-expanded', 'false');
  // ↑ on the button opens the menu on its last control; Tab past it closes the menu.
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Theme')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('view-menu')).toHaveCount(0);
});

test('the component list is a keyboard listbox that selects in the store', async ({ page }) => {
  await page.goto('/?lang=en&vms=2');
  await ready(page);
  await openViewMenu(page);
  await page.getByRole('button', { name: 'Component list' }).click();
  const list = page.getByRole('listbox', { name: 'Components, grouped by partition' });
  await list.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await list.getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  // Space selects (and does not toggle playback).
  await page.keyboard.press(' ');
  await expect.poll(() => page.evaluate(() => window.hvv?.state().selection?.kind)).toBe('component');
  expect(await page.evaluate(() => window.hvv?.state().playing)).toBe(false);
  await expect(page.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
  // Groups by partition, with the VMs.
  await expect(list.getByRole('group', { name: /Child partition vm2/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
});

test('stepping narrates the event in a live region, in the current language', async ({ page }) => {
  await page.goto('/?lang=en&vms=1&traffic=udp-out');
  await ready(page);
  const region = page.getByTestId('event-narration');
  await page.evaluate(() => window.hvv?.step());
  await expect(region).toHaveText(/^At .+: /);
  await page.getByLabel('Language').selectOption('ja');
  await expect(region).not.toHaveText(/^At /);
  await page.evaluate(() => window.hvv?.step());
  await expect(region).toContainText('µs');
});

test('Reduce motion follows the system and the switch; packets snap to hop ends', async ({ browser }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto('/?lang=en&vms=2&traffic=udp-out');
  await page.waitForFunction(() => !!window.hvv);
  await expect(page.locator('html')).toHaveAttribute('data-reduced-motion', '');
  await openViewMenu(page);
  const sw = page.getByRole('switch', { name: 'Reduce motion' });
  await expect(sw).toHaveAttribute('aria-checked', 'true');
  await sw.click();
  await expect(page.locator('html')).not.toHaveAttribute('data-reduced-motion');
  await sw.click();
  await expect(page.locator('html')).toHaveAttribute('data-reduced-motion', '');
  await context.close();
});
