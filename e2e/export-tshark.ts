/**
 * Test helper (Node only): find tshark, installing it once where possible, and read a capture back.
 * Tests that need tshark fail with `tsharkMissingMessage` (what to run) instead of skipping.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
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

/** What `tshark -z expert` and `-z conv,tcp` say about one capture, plus per-stream TCP facts. */
export interface CaptureCheck {
  /** Expert entries by severity, each `count × summary`. */
  errors: { count: number; summary: string }[];
  warnings: { count: number; summary: string }[];
  notes: { count: number; summary: string }[];
  /** tcp.stream → highest tcp.completeness seen (1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST). */
  streams: Map<number, number>;
  /** Frames per interface id (pcapng IDB order). */
  framesByInterface: Map<number, number>;
  /** Frames with any tcp.analysis flag (retransmission, out of order, lost segment, ...). */
  analysisFlagged: number;
  /** TCP conversations listed by `-z conv,tcp`. */
  conversations: number;
  frames: number;
  /** The statistics text as tshark printed it (conv,tcp then expert). */
  text: string;
}

/** Parse `-z expert` output blocks ("Errors (n)", "Warns (n)", "Notes (n)", ...). */
function expertBlocks(text: string): Record<string, { count: number; summary: string }[]> {
  const out: Record<string, { count: number; summary: string }[]> = {};
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const head = /^(Errors|Warns|Warnings|Notes|Chats|Comments) \(\d+\)$/.exec(line.trim());
    if (head) {
      current = head[1] === 'Warnings' ? 'Warns' : (head[1] as string);
      out[current] = [];
      continue;
    }
    const row = /^\s+(\d+)\s+\S+\s+\S+\s+(.*\S)\s*$/.exec(line);
    if (current && row) out[current]!.push({ count: Number(row[1]), summary: row[2] as string });
  }
  return out;
}

/**
 * One tshark pass over a capture (checksum validation on): `-z expert,note` and `-z conv,tcp`, and
 * per frame tcp.stream, tcp.completeness, tcp.analysis.flags. Async so several files can be read
 * at once.
 */
export async function checkCapture(file: string): Promise<CaptureCheck> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile(
      requireTshark(),
      ['-r', file, ...CHECKS, '-T', 'fields', '-E', 'separator=\t', '-e', 'frame.number', '-e', 'frame.interface_id', '-e', 'tcp.stream', '-e', 'tcp.completeness', '-e', 'tcp.analysis.flags', '-z', 'conv,tcp', '-z', 'expert,note'],
      { encoding: 'utf8', maxBuffer: 1 << 28 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  );
  const cut = out.indexOf('\n====');
  const rows = (cut < 0 ? out : out.slice(0, cut)).split('\n').filter((l) => /^\d+\t/.test(l));
  const text = cut < 0 ? '' : out.slice(cut + 1);
  const streams = new Map<number, number>();
  const framesByInterface = new Map<number, number>();
  let analysisFlagged = 0;
  for (const r of rows) {
    const [, itf, stream, completeness, flags] = r.split('\t');
    framesByInterface.set(Number(itf), (framesByInterface.get(Number(itf)) ?? 0) + 1);
    if (stream) streams.set(Number(stream), Math.max(streams.get(Number(stream)) ?? 0, Number(completeness || 0)));
    if (flags) analysisFlagged++;
  }
  const blocks = expertBlocks(text);
  return {
    errors: blocks.Errors ?? [],
    warnings: blocks.Warns ?? [],
    notes: blocks.Notes ?? [],
    streams,
    framesByInterface,
    analysisFlagged,
    conversations: (text.match(/<->/g) ?? []).length,
    frames: rows.length,
    text,
  };
}
