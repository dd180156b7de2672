/**
 * End to end: spawns `npx tsx src/cli/sim.ts` as a user would. Cases run concurrently; the file
 * takes a few seconds, most of it tsx start-up.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JSONL_KEYS } from './format';
import { createSimulation, scenarioConfig } from '../engine';
import { parseCapturePoint } from '../export/capture';
import { captureFile } from '../export/captureFile';
import { powershellTranscript } from '../export/powershell';

const ROOT = resolve(__dirname, '../..');

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sim(...args: string[]): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['tsx', 'src/cli/sim.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The CLI with binary stdout. */
function simBytes(...args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['tsx', 'src/cli/sim.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'sim-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Generous timeout: a loaded 2-core machine can slow tsx start-up several-fold.
describe.concurrent('npm run sim', { timeout: 60_000 }, () => {
  it('summary of synthetic: sent = delivered + dropped + inFlight', async () => {
    const r = await sim('--scenario', 'synthetic', '--duration-us', '2000', '--format', 'summary');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ scenario: 'synthetic', seed: 1, durationNs: 2_000_000 });
    const a = s.accounting;
    expect(a.sent).toBeGreaterThan(0);
    expect(a.delivered).toBeGreaterThan(0);
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
    expect(s.events).toBeGreaterThan(0);
    for (const key of ['perPath', 'perVm', 'perLp']) expect(s).toHaveProperty(key);
  });

  it('jsonl: every line parses, keys come in order, t and seq never decrease', async () => {
    const r = await sim('--scenario', 'synthetic', '--duration-us', '300', '--format', 'jsonl');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    let prev = { t: -1, seq: -1 };
    const kinds = new Set<string>();
    for (const [i, line] of lines.entries()) {
      const e = JSON.parse(line);
      expect(Object.keys(e).slice(0, JSONL_KEYS.length)).toEqual([...JSONL_KEYS]);
      expect(e.t).toBeGreaterThanOrEqual(prev.t);
      expect(e.seq).toBeGreaterThan(prev.seq);
      // Nothing lost between chunks: the engine numbers events 0, 1, 2, …
      expect(e.seq).toBe(i);
      prev = e;
      kinds.add(e.kind);
    }
    expect(kinds).toContain('send');
    expect(kinds).toContain('deliver');
    // The summary of the same run counts exactly the lines printed.
    const summary = await sim('--scenario', 'synthetic', '--duration-us', '300');
    expect(JSON.parse(summary.stdout).events).toBe(lines.length);
  });

  it('same seed twice gives identical output; another seed does not', async () => {
    const args = ['--scenario', 'synthetic', '--duration-us', '300', '--format', 'jsonl', '--seed', '7'];
    const [a, b, c] = await Promise.all([sim(...args), sim(...args), sim(...args.slice(0, -1), '8')]);
    expect(a.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('stops quietly with exit 0 when the reader goes away (| head)', async () => {
    const child = spawn('npx', ['tsx', 'src/cli/sim.ts', '--scenario', 'synthetic', '--duration-us', '100000000', '--format', 'jsonl'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const first = await new Promise<string>((done) => child.stdout.setEncoding('utf8').once('data', done));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(JSON.parse(first.split('\n')[0] as string)).toHaveProperty('seq', 0);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('bad option: exit 2, one line on stderr, nothing on stdout', async () => {
    const r = await sim('--vms', 'many');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: --vms expects a whole number, got 'many'\n$/);
  });

  it('adapter list longer than the VMs: exit 2', async () => {
    const r = await sim('--scenario', 'synthetic', '--vms', '1', '--adapter', 'synthetic,emulated');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--adapter lists 2 adapters/);
  });

  it('unknown scenario and unreadable file: exit 2 naming the problem', async () => {
    const [unknown, missing] = await Promise.all([sim('--scenario', 'nope'), sim('--scenario', join(tmp, 'missing.json'))]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown scenario 'nope' \(known: .*synthetic/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read scenario file '.*missing\.json': no such file/);
    expect(unknown.stdout + missing.stdout).toBe('');
  });

  it('invalid file: exit 2 with the field path', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ seed: 3, config: { vms: [{ id: 'vm1', adapter: 'token-ring', vcpus: 1 }] } }));
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{ "vms": [');
    const [r, j] = await Promise.all([sim('--scenario', bad), sim('--scenario', notJson)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^sim: scenario file '.*bad\.json' is invalid: config\.vms\[0\]\.adapter: .+\n$/);
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/is not valid JSON/);
  });
});

// Not concurrent with the cases above: one more tsx start-up at once slows them past their timeout.
describe('npm run sim --format pcapng', { timeout: 60_000 }, () => {
  it('pcapng: the same bytes as the export function the browser calls, one interface per --capture', async () => {
    const r = await simBytes('--scenario', 'mixed', '--seed', '3', '--duration-us', '2500', '--format', 'pcapng', '--capture', 'wire', '--capture', 'port:vm1', '--capture', 'port:external');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const points = ['wire', 'port:vm1', 'port:external'].map((p) => parseCapturePoint(p)!);
    const expected = await captureFile(createSimulation, { config: scenarioConfig('mixed'), seed: 3, untilNs: 2_500_000 }, points);
    expect(expected.frames).toBeGreaterThan(100);
    expect(r.stdout.equals(Buffer.from(expected.bytes))).toBe(true);
  });
});

describe('npm run sim --format powershell', { timeout: 60_000 }, () => {
  it('prints the PowerShell transcript of the host at the end of the run, as the panel builds it', async () => {
    const r = await sim('--scenario', 'vmq', '--duration-us', '2000', '--format', 'powershell');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = createSimulation(scenarioConfig('vmq'), { seed: 1 });
    s.runUntil(2_000_000);
    const snap = s.snapshot();
    const expected = powershellTranscript({ config: s.config, vms: snap.vms, vmqAssignments: snap.vmqAssignments, vfAssignments: snap.vfAssignments }, { timeNs: 2_000_000, label: 'vmq' });
    s.dispose();
    expect(r.stdout).toBe(expected);
    // One queue object per allocated queue (default queue, vm1, vm2), each naming its VM.
    const queues = r.stdout.split('PS C:\\> Get-NetAdapterVmqQueue')[1]!.split('PS C:\\>')[0]!;
    expect(queues.match(/^VmFriendlyName +: (\S+)$/gm)?.map((l) => l.split(': ')[1])).toEqual(['HOST', 'vm1', 'vm2']);
  });
});
