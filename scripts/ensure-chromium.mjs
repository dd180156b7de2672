#!/usr/bin/env node
// Finds a Chromium for Playwright, installing Debian's package when that is possible.
// Order: $CHROMIUM_PATH, /usr/bin/chromium (Debian), Playwright's own download.
// Playwright's own browser download is not attempted: on networks that reach only package
// registries it fails, and on a machine that already has it, nothing needs doing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canApt = isRoot && existsSync('/usr/bin/apt-get');

/**
 * Japanese text needs a CJK font: without one Chromium draws boxes (tofu), so the Japanese
 * screenshots are unreadable and the "text fits its box" measurements of the Japanese diagram
 * are taken on the wrong glyphs. Installs Debian's Noto CJK where it can; elsewhere it warns
 * (the tests still run).
 */
function ensureJapaneseFont() {
  let fonts;
  try {
    fonts = execSync('fc-list :lang=ja family', { encoding: 'utf8' });
  } catch {
    return; // no fontconfig (not Linux): the system's own fonts serve
  }
  if (fonts.trim()) return;
  if (canApt) {
    console.log('fonts: no Japanese font; installing Debian package "fonts-noto-cjk" with apt-get');
    try {
      execSync('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk)', { stdio: 'inherit' });
      return;
    } catch {
      // fall through to the warning
    }
  }
  console.warn('fonts: no Japanese font found; Japanese screenshots will show boxes. Install one, e.g. `apt-get install fonts-noto-cjk`.');
}

const found = findChromium();
if (found) {
  console.log(`chromium: ${found}`);
  ensureJapaneseFont();
  process.exit(0);
}

if (canApt) {
  console.log('chromium: not found; installing Debian package "chromium" with apt-get');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  } catch {
    // fall through to the message below
  }
  const after = findChromium();
  if (after) {
    console.log(`chromium: ${after}`);
    ensureJapaneseFont();
    process.exit(0);
  }
}

console.error(
  [
    'No Chromium found for the end-to-end tests. Do one of:',
    '  sudo apt-get install -y chromium          (Debian/Ubuntu; gives /usr/bin/chromium)',
    '  npx playwright install chromium           (Playwright\'s own build, where it can download)',
    '  CHROMIUM_PATH=/path/to/chrome npm test    (any Chromium or Chrome you already have)',
  ].join('\n'),
);
process.exit(1);
