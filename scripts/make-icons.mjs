#!/usr/bin/env node
/**
 * Renders the app's icons for the web app manifest (public/icons/*.png) from public/favicon.svg,
 * in the project's own Chromium: 192 and 512 px "any", and a 512 px "maskable" one whose mark sits
 * inside the 80 % safe zone on a full-bleed background. Run again only when the favicon changes;
 * the PNGs are committed.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium, chromiumArgs } from './chromium-path.mjs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const bg = /<rect[^>]*fill="([^"]+)"/.exec(svg)[1];
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const page = await browser.newPage();
const shots = [
  { file: 'icon-192.png', size: 192, mask: false },
  { file: 'icon-512.png', size: 512, mask: false },
  { file: 'icon-maskable-512.png', size: 512, mask: true },
];
for (const { file, size, mask } of shots) {
  await page.setViewportSize({ width: size, height: size });
  const inner = mask ? Math.round(size * 0.7) : size;
  const mark = svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `);
  await page.setContent(
    `<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${mask ? bg : 'transparent'}">${mark}</body></html>`,
  );
  await page.screenshot({ path: new URL(`../public/icons/${file}`, import.meta.url).pathname, omitBackground: !mask });
  console.log(`public/icons/${file} (${size}×${size}${mask ? ', maskable' : ''})`);
}
await browser.close();
