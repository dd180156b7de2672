#!/usr/bin/env node
// Screenshot helper for looking at the app: node scripts/shot.mjs <url> <out.png> [width] [height] [waitMs]
import { chromium } from '@playwright/test';
import { findChromium, chromiumArgs } from './chromium-path.mjs';

const [url, out, w = '1600', h = '900', wait = '2500'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(url);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: out });
if (errors.length) console.log('errors:', errors.join('\n'));
await browser.close();
