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
  'synthetic@1': '47475527e42e313f6e85dbd9fbec774df97c58279e449ddce49953106aba138a', // 7570 lines
  'synthetic@7': '537dd33d6c8ecf56804626a1efd05e92ede387cfd4fdd3ced8f4ad7ddc766833', // 7580 lines
  'emulated@1': 'fcac765f95c2fe0358f5287add08071b44c788d032952d924e7ee1bd86dc1247', // 686 lines
  'emulated@7': '9392247009a8bad95c686ff371108aa5ae011fb2609d9c744363c60d3e828182', // 686 lines
  'vmq@1': '7860c010c8f18032bf8599a22d95fd847e700e918c2a8ad1029044fd03932274', // 22978 lines
  'vmq@7': 'a3f0b1414b3e86bd01fd94e9a8f32946cb2e1272e7480e20427b395ec3a9b7bb', // 22983 lines
  'sriov@1': '12f9a80896bc40a704a4677381dea8428ffdcef5a43c1a4405625a2331a55527', // 3888 lines
  'sriov@7': 'ddc01fe39b77730088c9574b76de1dbc47edb62a1e27b4f8c664951584ed06fa', // 3888 lines
  'vf-failover@1': '27cce5ff196192a6c5a7cf9b639b913fd589e48cbce2de74cd23d43fa82e8abd', // 7888 lines
  'vf-failover@7': 'cdefffbe7354b9f7aa2b14c1a2982ba7ed7479d1e238ea6266493b4c052187eb', // 7964 lines
  'vm-to-vm@1': 'f0b873d974d0fc5b8fb88ea08d9e99867cd92c333d3e68eb8e0e6633210e4b32', // 11273 lines
  'vm-to-vm@7': 'aa355c14a86c20ab286b5c1ebba611144fde2d5ec29ed2664ac7ab92f5afdca3', // 11369 lines
  'mixed@1': '6a98457da5cd6e4438d47a3db617312eee34aa732204ff7f01106de884f85e2f', // 8390 lines
  'mixed@7': 'b7ea026398dc8449ebc6cb5955f34d685b84e902ef429cbdcbe73b02a0c7112a', // 8355 lines
  'stress@1': '001ad5a0e002cf2736255da2342a01d38e2e87aa818363f973591dabdcee5208', // 48081 lines
  'stress@7': '61e2c353ceb7ea7f8f7893030a946026b57090c69a73ff1f2075a91e04b0d9cb', // 48027 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': '39b0b0eb0c4d2d9fb5c385446bcb99faade5f2312cd546065e64112f4e9e6f2b', // 11240 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': '9e6c1c031ee6c51830f8ff4ce2753d33e3f94bec06ee281d5161c1e4b5c1bc99', // 11260 lines
  'synthetic: add and remove VMs, extensions, faults@1': 'e6917da2185eaba37eee219526a92d67b3bcf7228c18a7df8478465d401a5f3a', // 5274 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'aff125c49d7a85ff32f7646b375ab35141aedc9f9dbac1c6f1bdcea700e2371a', // 5251 lines
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
