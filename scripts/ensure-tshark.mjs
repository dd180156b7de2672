#!/usr/bin/env node
// Finds tshark (Wireshark's command-line reader) for the capture tests, installing Debian's
// package when that is possible. Order: $TSHARK_PATH, `tshark` on PATH, /usr/bin/tshark.
// Usage: `node scripts/ensure-tshark.mjs` (prints the path, or exactly what to run and exits 1).
// Tests import `findTshark()` / `tsharkMissingMessage` from scripts/tshark-path.mjs.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { findTshark, tsharkMissingMessage } from './tshark-path.mjs';

const found = findTshark();
if (found) {
  console.log(`tshark: ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('tshark: not found; installing Debian package "tshark" with apt-get');
  try {
    // Preseed the "may non-superusers capture?" question so the install never prompts.
    execSync(
      'echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections; ' +
        'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark',
      { stdio: 'inherit' },
    );
  } catch {
    // fall through to the message below
  }
  const after = findTshark();
  if (after) {
    console.log(`tshark: ${after}`);
    process.exit(0);
  }
}

console.error(tsharkMissingMessage);
process.exit(1);
