import { chromium } from 'playwright';
const base = 'http://127.0.0.1:4174/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [w, h] of [[1280, 720], [1024, 768]]) {
  for (const lang of ['en', 'ja']) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(`${base}?scenario=vrss&lang=${lang}&t=2500000&play=0`);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: `/tmp/vrss/main-${lang}-${w}.png` });
    // Inspector for NetVSC: click the fold
    await page.locator('[data-testid="fold-channels"]').first().click({ force: true }).catch(() => {});
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/vrss/insp-${lang}-${w}.png` });
    // Controls panel scrolled to VMs
    const q = page.getByLabel(lang === 'en' ? 'Queues for vm1' : 'vm1 のキュー数');
    await q.scrollIntoViewIfNeeded().catch(() => {});
    await page.screenshot({ path: `/tmp/vrss/controls-${lang}-${w}.png` });
    await page.close();
  }
}
await browser.close();
