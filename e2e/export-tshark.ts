/**
 * Test helper (Node only): find tshark, installing it once where possible, and read a capture back.
 * Tests that need tshark fail with `tsharkMissingMessage` (what to run) instead of skipping.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTshark, tsharkMissingMessage } from '../scripts/tshark-path.mjs';

let cached: string | null | undefined;

export function requireTshark(): string {
  if (cached === undefined) {
    cached = findTshark();
    if (!cached) {
      spawnSync(process.execPath, ['scripts/ensure-tshark.mjs'], { stdio: 'inherit' });
      cached = findTshark();
    }
  }
  if (!cached) throw new Error(tsharkMissingMessage);
  return cached;
}

/** Write bytes to a temporary .pcapng file and return its path. */
export function writeTemp(bytes: Uint8Array, name = 'capture.pcapng'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvv-pcap-'));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Checksum validation on, so bad checksums show up as `Bad`/expert messages. */
const CHECKS = ['-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];

/** tshark -T fields over a file: one array of field values per frame. */
export function tsharkFields(file: string, fields: string[], extra: string[] = []): string[][] {
  const out = execFileSync(requireTshark(), ['-r', file, ...CHECKS, ...extra, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}
