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
  'emulated@1': 'eb1400c499bda26dc8275216aec614370638172482a8f7769513d1e6461d9bca', // 686 lines
  'emulated@7': '8f994d0ade61c29b01e2e23a446c8abb7a0b7ee7deb3491f682ba056ac1ebbfe', // 686 lines
  'vmq@1': 'c9416dac75322207cfdbee19c5ccf93feb9be1c12f8728aa7a44ac9c5b964df3', // 22926 lines
  'vmq@7': '093685e90768e605b2c4e3e0a3a2f4f02a60b4603ead59d4ba76a45ab1e1bbc1', // 22931 lines
  'sriov@1': '56fbacd2d5d5de4bbc9df07b2a36d09b4e0b68993967834baa218f5e1e635812', // 3818 lines
  'sriov@7': 'b2610b91c9cde5cdb8822ea8759d68d4086e57f94fa152035f5413d8a257c647', // 3855 lines
  'vf-failover@1': 'ccedefdf278df836470f9423b0196cbe28b6d804a4fb066e70fd4069d2c5edb4', // 7662 lines
  'vf-failover@7': 'bba62efa00517ef2a7bba43632bc13770dc31aeab566ef360bb046f4fbdc70eb', // 7733 lines
  'vm-to-vm@1': '1fa8a210d3f6b316f37adf03ab1da7c716f1cbe161e47a96535f32ea0dfc2aa3', // 11289 lines
  'vm-to-vm@7': '67735faff42d82f924d5aed70496bd14f837cf0dcbe8fe48129bfaa28bfd8087', // 11313 lines
  'mixed@1': '8c2a6cc461d97b5d4aa21400d3e96618f49f3150f60a1543da969977add5f38f', // 8283 lines
  'mixed@7': 'afaa358cf4b178066eb80e3a90824cdd1e9e88e80004e44873ddfcf79738f078', // 8337 lines
  'stress@1': '2cde0397a521716aff8214e83fbc2f1db8f77aa3627749fb18a84e17e88c448c', // 48097 lines
  'stress@7': '8175a51c39cf0804f0116d1c805a74ca12f92906247bd5945065fff34374a643', // 48043 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': 'aabbed5290b906cc962ebc10c984ca70f00b08f070042de2711c8bd7585d2147', // 11034 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': 'db326d644dfad5ae27fded46a644f1e308043d7fc3c53813be269abea746adb5', // 11222 lines
  'synthetic: add and remove VMs, extensions, faults@1': '796d05beb2031470374187339592df70d2b27c728cc72e2ae4b8aaf45b212dac', // 6039 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'fb1173df126e4cef1f9cc32df1c4ea301e6c894a68599817adb6c73ab2c4aefd', // 6068 lines
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
