/**
 * `npm run sim -- [options]`: run a scenario headless and print its trace (`--format jsonl`), a
 * summary (`--format summary`), a pcapng capture (`--format pcapng --capture <point>`) or what the
 * Hyper-V and NetAdapter cmdlets would print for the host at the end of the run
 * (`--format powershell`). See README.md beside this file, or `--help`.
 *
 * Exit codes: 0 success (also when the reader of a pipe goes away early, as `head` does),
 * 2 bad options or a bad scenario file (one line on stderr, nothing on stdout), 1 anything else.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, USAGE, type CliOptions } from './args';
import { createSimulation } from '../engine';
import { parseConfig } from '../engine/configSchema';
import { summaryToJson } from './format';
import { streamTrace } from './stream';
import { applyOverrides } from './overrides';
import { describeErrors, resolveScenario } from './scenario';
import type { SimConfig } from '../engine/types';
import { parseCapturePoint, type CapturePoint } from '../export/capture';
import { captureFile } from '../export/captureFile';
import { powershellTranscript } from '../export/powershell';

/** Run length when neither the options, the file nor the scenario give one: 10 ms simulated. */
const DEFAULT_DURATION_NS = 10_000_000;
/** Default seed when neither the options, the file nor the scenario give one. */
const DEFAULT_SEED = 1;

class UsageError extends Error {}

interface Plan {
  label: string;
  config: SimConfig;
  seed: number;
  durationNs: number;
  format: CliOptions['format'];
  /** Capture points of `--format pcapng`. */
  points: CapturePoint[];
  notes: string[];
}

/** Everything that can be wrong with the input is found here, before anything is printed. */
function plan(argv: readonly string[]): Plan | 'help' {
  const args = parseArgs(argv);
  if (!args.ok) throw new UsageError(args.error);
  const o = args.options;
  if (o.help) return 'help';

  const resolved = resolveScenario(o.scenario, { vms: o.vms }, { readText: (p) => readFileSync(p, 'utf8') });
  if (!resolved.ok) throw new UsageError(resolved.error);
  const s = resolved.scenario;

  const over = applyOverrides(s.config, o);
  if (!over.ok) throw new UsageError(over.error);
  const checked = parseConfig(over.config);
  if (!checked.ok) throw new UsageError(`the options make an invalid configuration: ${describeErrors(checked.errors)}`);

  const points: CapturePoint[] = [];
  if (o.format === 'pcapng') {
    for (const id of o.captures ?? ['wire']) {
      const p = parseCapturePoint(id);
      if (!p) throw new UsageError(`--capture: unknown capture point '${id}'`);
      if (p.kind === 'vm-port' && !checked.config.vms.some((v) => v.id === p.vm)) {
        throw new UsageError(`--capture ${id}: the configuration has no ${p.vm} (VMs: ${checked.config.vms.map((v) => v.id).join(', ')})`);
      }
      points.push(p);
    }
    if (process.stdout.isTTY) throw new UsageError('--format pcapng writes binary data: redirect standard output to a file or a pipe (e.g. > run.pcapng)');
  }

  return {
    label: s.label,
    points,
    config: checked.config,
    seed: o.seed ?? s.seed ?? DEFAULT_SEED,
    durationNs: o.durationUs !== undefined ? o.durationUs * 1000 : (s.durationNs ?? DEFAULT_DURATION_NS),
    format: o.format,
    notes: over.notes,
  };
}

/** Stdout with backpressure, and a flag set when the reader has gone (EPIPE). */
function openOutput() {
  const out = process.stdout;
  const state = { closed: false };
  out.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
      state.closed = true;
      return;
    }
    process.stderr.write(`sim: cannot write output: ${err.message}\n`);
    process.exit(1);
  });
  const write = (text: string | Uint8Array): Promise<void> | void => {
    if (state.closed) return;
    if (!out.write(text)) {
      return new Promise((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('error', done);
          resolve();
        };
        out.once('drain', done);
        out.once('error', done);
      });
    }
  };
  return { state, write };
}

async function main(argv: readonly string[]): Promise<number> {
  let p: Plan | 'help';
  try {
    p = plan(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`sim: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (p === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const note of p.notes) process.stderr.write(`sim: note: ${note}\n`);

  const output = openOutput();
  if (p.format === 'pcapng') {
    // The same function as the browser's export (src/export/captureFile.ts): the same bytes.
    const r = await captureFile(createSimulation, { config: p.config, seed: p.seed, untilNs: p.durationNs }, p.points);
    if (r.truncated > 0) process.stderr.write(`sim: note: the capture stopped at ${r.frames} frames; ${r.truncated} more were not recorded\n`);
    const pending = output.write(r.bytes);
    if (pending) await pending;
    return 0;
  }
  const sim = createSimulation(p.config, { seed: p.seed });
  try {
    if (p.format === 'jsonl') {
      const r = await streamTrace(sim, p.durationNs, {
        // Yield to the event loop after each chunk even when the write did not block, so that an
        // EPIPE (the reader has gone) is seen and the run stops instead of finishing.
        write: (chunk) => output.write(chunk) ?? new Promise<void>((resolve) => setImmediate(resolve)),
        closed: () => output.state.closed,
      });
      if (r.missedAtStart > 0) process.stderr.write(`sim: note: the engine had dropped ${r.missedAtStart} start-up events\n`);
    } else if (p.format === 'powershell') {
      // The host's state at the end of the run, as the app's PowerShell panel shows it (src/export/powershell.ts).
      sim.runUntil(p.durationNs);
      const snap = sim.snapshot();
      const text = powershellTranscript(
        { config: sim.config, vms: snap.vms, vmqAssignments: snap.vmqAssignments, vfAssignments: snap.vfAssignments },
        { timeNs: sim.now(), label: p.label },
      );
      const pending = output.write(text);
      if (pending) await pending;
    } else {
      sim.runUntil(p.durationNs);
      const text = summaryToJson({ scenario: p.label, seed: p.seed, durationNs: p.durationNs, config: p.config, metrics: sim.metrics() });
      const pending = output.write(text);
      if (pending) await pending;
    }
  } finally {
    sim.dispose();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`sim: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
