#!/usr/bin/env node
// Finds a Chromium for Playwright, installing Debian's package when that is possible.
// Order: $CHROMIUM_PATH, /usr/bin/chromium (Debian), Playwright's own download.
// Playwright's own browser download is not attempted: on networks that reach only package
// registries it fails, and on a machine that already has it, nothing needs doing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findChromium } from './chromium-path.mjs';

const found = findChromium();
if (found) {
  console.log(`chromium: ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
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
