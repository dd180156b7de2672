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
  'synthetic@1': 'ff94b020089c584b8aca75c1ea2821e50b8d05292b535ca8a6fcc4f2576a5351', // 7545 lines
  'synthetic@7': 'a33083df4827adf909c41ff491fb043f0cc6c58b0856ad17d795dbbf21d928e4', // 7560 lines
  'emulated@1': 'fcac765f95c2fe0358f5287add08071b44c788d032952d924e7ee1bd86dc1247', // 686 lines
  'emulated@7': '9392247009a8bad95c686ff371108aa5ae011fb2609d9c744363c60d3e828182', // 686 lines
  'vmq@1': '7860c010c8f18032bf8599a22d95fd847e700e918c2a8ad1029044fd03932274', // 22978 lines
  'vmq@7': 'a3f0b1414b3e86bd01fd94e9a8f32946cb2e1272e7480e20427b395ec3a9b7bb', // 22983 lines
  'sriov@1': '92baa3d590a8c18f1879e680c79d4ea7ffcf415ba09d2fa31a078bbc89f5a7c8', // 3863 lines
  'sriov@7': '161c585545b5ab1e877376bc83f73b897d7d6e211c99a98181f45b826dfeb213', // 3868 lines
  'vf-failover@1': '3a4f6998c54a84cc772205e8133d0a803bb96fc9f8dcfe2e33eca0ba19f9f44f', // 7906 lines
  'vf-failover@7': 'a2a45a1c62286564e58f3a079ba0d203b19c4c9efcb9bc0de3cf44dc94aaefc3', // 7972 lines
  'vm-to-vm@1': 'c79ea561b5d03515f7eb8a5ccd276580f82fe39b76c907cd4d15fb23a4b9e96d', // 11242 lines
  'vm-to-vm@7': '3fdf0adc0d0412d55581a2ca79d443798add4265ad1376e3849bf334f9a9be94', // 11338 lines
  'mixed@1': 'e779385a46be0fa41ab0f56ad894c9215b45c72bfa8e3d49987048f1828d6501', // 8296 lines
  'mixed@7': 'd8ef90b6810a720a3e9a63b4c063292760c7542df12fd61642ab5bac69b8869a', // 8266 lines
  'stress@1': '001ad5a0e002cf2736255da2342a01d38e2e87aa818363f973591dabdcee5208', // 48081 lines
  'stress@7': '61e2c353ceb7ea7f8f7893030a946026b57090c69a73ff1f2075a91e04b0d9cb', // 48027 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': '164bfd31c60e86bbe0abf3da1247bd5e129af1a8538d25b7846fad459dc2ef38', // 11146 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': '8c3da6881b88aa58f6931f2af91db3abc39b5b3ab3b0911cd3d922c5467d80aa', // 11171 lines
  'synthetic: add and remove VMs, extensions, faults@1': 'c02cf2275da997514d58cd48df2abd15458eec89964b3fb4ace07a7f0da2bfc1', // 5291 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'e4721a5249472e767bcd5a6bbc0e42ee2ada7a9af7e45b50286f60acdbc05786', // 5247 lines
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
