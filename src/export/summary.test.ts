import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig } from '../engine';
import type { SimConfig } from '../engine/types';
import { replay } from './replay';
import { makeScenario, serializeScenario } from './scenarioFile';
import { exportTraceJsonl, summaryOf } from './summary';

/** `npm run sim` as a child process (the CLI's own entry point; HVV_CLI may name another build of it). */
function cli(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', process.env.HVV_CLI ?? 'src/cli/sim.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

const withFile = (config: SimConfig, seed: number, durationUs: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'hvv-scn-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, serializeScenario(makeScenario({ name: 'cli check', seed, config, durationUs, savedAt: new Date(0) })));
  return file;
};

describe('browser exports equal the CLI output', () => {
  it('trace JSONL: same bytes as `npm run sim -- --format jsonl` for the same scenario file, seed and duration', async () => {
    const config = defaultConfig();
    const file = withFile(config, 5, 400);
    const expected = cli(['--scenario', file, '--format', 'jsonl']);
    const ours = await exportTraceJsonl(createSimulation, { config, seed: 5, untilNs: 400_000 }, { budgetMs: 1 });
    expect(ours.events).toBeGreaterThan(100);
    expect(ours.chunks.join('')).toBe(expected);
  }, 60_000);

  it('summary JSON: same text as `npm run sim -- --format summary`', async () => {
    const config = defaultConfig();
    const file = withFile(config, 9, 300);
    const expected = cli(['--scenario', file, '--format', 'summary']);
    const r = await replay(createSimulation, { config, seed: 9, untilNs: 300_000 });
    const ours = summaryOf(r.sim, file, 300_000);
    r.sim.dispose();
    expect(ours).toBe(expected);
  }, 60_000);
});
