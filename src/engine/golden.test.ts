/**
 * Golden traces: FIXED sha-256 hashes of the JSONL trace exactly as `npm run sim -- --format jsonl`
 * and the browser's "export trace" write it (src/cli/stream.ts + src/cli/format.ts), for every
 * named scenario at two seeds, plus scripted runs that drive the runtime control scripts
 * (adapter changes, VMQ/SR-IOV toggles, add/remove VM, faults).
 *
 * Runs are long enough to cover VMBus/NVSP/RNDIS/vPCI set-up and steady data traffic (4 ms;
 * stress 2 ms, about 48,000 events at 16 VMs). A restructure of the engine must keep every hash
 * byte for byte. Change a hash only when a trace changes ON PURPOSE (a bug fix, a new model step)
 * and say which and why in the commit message. To print the current hashes:
 * `GOLDEN_PRINT=1 npx vitest run src/engine/golden.test.ts`.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventToJsonl } from '../cli/format';
import { streamTrace } from '../cli/stream';
import { createSimulation } from './index';
import { SCENARIOS, scenarioConfig } from './scenarios';
import type { ConfigChange as Command, SimConfig, TraceEvent } from './types';

const SEEDS = [1, 7] as const;
const durationOf = (name: string) => (name === 'stress' ? 2_000_000 : 4_000_000);

/** Commands applied at given simulated times, between slices of the run. */
interface Script {
  config: () => SimConfig;
  durationNs: number;
  steps: { atNs: number; command: Command }[];
}

const SCRIPTS: Record<string, Script> = {
  'mixed: adapter changes, VMQ and SR-IOV toggles': {
    config: () => scenarioConfig('mixed'),
    durationNs: 6_000_000,
    steps: [
      { atNs: 1_000_000, command: { kind: 'set-adapter', vm: 'vm1', adapter: 'sriov' } },
      { atNs: 1_500_000, command: { kind: 'set-adapter', vm: 'vm2', adapter: 'synthetic' } },
      { atNs: 2_000_000, command: { kind: 'set-vmq', on: false } },
      { atNs: 2_500_000, command: { kind: 'set-sriov', on: false } },
      { atNs: 3_500_000, command: { kind: 'set-sriov', on: true } },
      { atNs: 4_000_000, command: { kind: 'set-vmq', on: true } },
      { atNs: 4_500_000, command: { kind: 'set-adapter', vm: 'vm3', adapter: 'emulated' } },
    ],
  },
  'synthetic: add and remove VMs, extensions, faults': {
    config: () => scenarioConfig('synthetic'),
    durationNs: 6_000_000,
    steps: [
      { atNs: 500_000, command: { kind: 'add-vm', adapter: 'synthetic' } },
      { atNs: 700_000, command: { kind: 'add-vm', adapter: 'emulated' } },
      { atNs: 800_000, command: { kind: 'set-extensions', extensions: { capture: true, filter: { enabled: true, dropRules: [{ id: 'no-udp-from-vm1', protocol: 'udp', srcVm: 'vm1' }] }, forwarding: true } } },
      { atNs: 1_000_000, command: { kind: 'fault', fault: { kind: 'link-down' } } },
      { atNs: 1_400_000, command: { kind: 'fault', fault: { kind: 'link-up' } } },
      { atNs: 1_600_000, command: { kind: 'fault', fault: { kind: 'ring-exhaust', vm: 'vm1', durationNs: 300_000 } } },
      { atNs: 2_000_000, command: { kind: 'remove-vm', vm: 'vm2' } },
      { atNs: 3_000_000, command: { kind: 'set-flows', flows: [] } },
    ],
  },
};

async function traceHash(config: SimConfig, seed: number, durationNs: number, steps: Script['steps'] = []): Promise<{ hash: string; lines: number }> {
  const sim = createSimulation(config, { seed });
  const h = createHash('sha256');
  const sink = { write: (chunk: string) => void h.update(chunk), closed: () => false };
  try {
    if (steps.length === 0) {
      const r = await streamTrace(sim, durationNs, sink);
      return { hash: h.digest('hex'), lines: r.events };
    }
    // Scripted: the same JSONL lines, with commands applied at their times between slices.
    let lines = 0;
    const line = (e: TraceEvent) => {
      h.update(eventToJsonl(e) + '\n');
      lines++;
    };
    for (const e of sim.snapshot().events) line(e);
    const off = sim.subscribe(line);
    for (const s of steps) {
      sim.runUntil(s.atNs);
      sim.apply(s.command);
    }
    sim.runUntil(durationNs);
    off();
    return { hash: h.digest('hex'), lines };
  } finally {
    sim.dispose();
  }
}

/** Expected sha-256 of each trace, `<scenario>@<seed>`. */
const EXPECTED: Record<string, string> = {
  'synthetic@1': 'cd45f3b5168d8086e93b9faac03771f05baa2d45507661edef1113cf32349710', // 7420 lines
  'synthetic@7': '8c3e0089c347c9bbb6d232dd242b8fa66780ba8fdce5fb8bfde1651da60c3870', // 7469 lines
  'emulated@1': '9ae26730286a432c4ebbee95f509bf5dbc1e0f93e828cda6267ff767ce17a484', // 686 lines
  'emulated@7': 'd127bb2d51a82f9457c4a68b7a87d854855d68439942fd5a0bc32ce63b2e8339', // 686 lines
  'vmq@1': 'c9416dac75322207cfdbee19c5ccf93feb9be1c12f8728aa7a44ac9c5b964df3', // 22926 lines
  'vmq@7': '093685e90768e605b2c4e3e0a3a2f4f02a60b4603ead59d4ba76a45ab1e1bbc1', // 22931 lines
  'sriov@1': '56fbacd2d5d5de4bbc9df07b2a36d09b4e0b68993967834baa218f5e1e635812', // 3818 lines
  'sriov@7': 'b2610b91c9cde5cdb8822ea8759d68d4086e57f94fa152035f5413d8a257c647', // 3855 lines
  'vf-failover@1': 'ccedefdf278df836470f9423b0196cbe28b6d804a4fb066e70fd4069d2c5edb4', // 7662 lines
  'vf-failover@7': 'bba62efa00517ef2a7bba43632bc13770dc31aeab566ef360bb046f4fbdc70eb', // 7733 lines
  'vm-to-vm@1': '1fa8a210d3f6b316f37adf03ab1da7c716f1cbe161e47a96535f32ea0dfc2aa3', // 11289 lines
  'vm-to-vm@7': '67735faff42d82f924d5aed70496bd14f837cf0dcbe8fe48129bfaa28bfd8087', // 11313 lines
  'mixed@1': '37288ed74e7b5db6b98fa89070cfc020027c28534b801f625e2ac6d5805f332b', // 8283 lines
  'mixed@7': '79b067cff0f55c0e0fe48ba64d4149c1d49d0b2a298dae153e455fa38017ccdd', // 8337 lines
  'stress@1': '2cde0397a521716aff8214e83fbc2f1db8f77aa3627749fb18a84e17e88c448c', // 48097 lines
  'stress@7': '8175a51c39cf0804f0116d1c805a74ca12f92906247bd5945065fff34374a643', // 48043 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': 'dc609e75b97f1609ebad03f6452abf8ea2c246714348f36a4be61e22b327b8ae', // 11034 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': '70a13036127fe10d970ac6f6ba4df29dc27a92f646287572a027bab79450b068', // 11222 lines
  'synthetic: add and remove VMs, extensions, faults@1': 'b62124d1362bf856a4807fb9bc714991c8fd28d2e848a9b4afd824789482c27b', // 6039 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'd0fe3fc5fd544c8355bf349673c6be966a6fa7eb8693d38b07a3c2bbc53859a4', // 6068 lines
};

const print = !!process.env.GOLDEN_PRINT;

describe('golden traces (JSONL as the CLI writes it)', () => {
  for (const name of Object.keys(SCENARIOS)) {
    for (const seed of SEEDS) {
      it(`${name}@${seed}`, async () => {
        const { hash, lines } = await traceHash(scenarioConfig(name), seed, durationOf(name));
        if (print) console.log(`  '${name}@${seed}': '${hash}', // ${lines} lines`);
        expect(lines).toBeGreaterThan(100);
        expect(hash).toBe(EXPECTED[`${name}@${seed}`]);
      });
    }
  }
  for (const [label, s] of Object.entries(SCRIPTS)) {
    for (const seed of SEEDS) {
      it(`${label}@${seed}`, async () => {
        const { hash, lines } = await traceHash(s.config(), seed, s.durationNs, s.steps);
        if (print) console.log(`  '${label}@${seed}': '${hash}', // ${lines} lines`);
        expect(hash).toBe(EXPECTED[`${label}@${seed}`]);
      });
    }
  }
});
