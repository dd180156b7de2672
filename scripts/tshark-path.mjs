// Locates tshark without installing anything (see ensure-tshark.mjs for the installer).
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The message tests fail with when tshark is missing: exactly what to run. */
export const tsharkMissingMessage = [
  'tshark is needed to read back the pcapng captures, and was not found. Do one of:',
  '  node scripts/ensure-tshark.mjs           (as root on Debian/Ubuntu: installs it with apt-get)',
  '  sudo apt-get install -y tshark           (Debian/Ubuntu)',
  '  TSHARK_PATH=/path/to/tshark npm test     (a tshark you already have)',
].join('\n');

/** Path of a working tshark, or null. */
export function findTshark() {
  const candidates = [process.env.TSHARK_PATH, 'tshark', '/usr/bin/tshark'].filter(Boolean);
  for (const c of candidates) {
    if (c.includes('/') && !existsSync(c)) continue;
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore', timeout: 20_000 });
      return c;
    } catch {
      // try the next one
    }
  }
  return null;
}
