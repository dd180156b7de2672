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
  'synthetic@1': 'c7aabf661871b3264bddbaeee8bf1d6180cb6cffb99cb4be95e37f7a7ae239c0', // 7545 lines
  'synthetic@7': 'aa796b121783860284549172e961c46b3685b41bd4527da567e2ef59388eb095', // 7560 lines
  'emulated@1': 'fcac765f95c2fe0358f5287add08071b44c788d032952d924e7ee1bd86dc1247', // 686 lines
  'emulated@7': '9392247009a8bad95c686ff371108aa5ae011fb2609d9c744363c60d3e828182', // 686 lines
  'vmq@1': '010bec1185012c9a66099459c6c879969f5ea96226a5d29945fcc46752a6552a', // 22978 lines
  'vmq@7': 'b6df99012451e973e6e06f1f2e0f4d1a270cd78994bc57f9320a36f53b958987', // 22983 lines
  'sriov@1': '5ca8921f428441fb4f50fa448e9a8ea31642062102f0f65496db18b077f11d3c', // 3863 lines
  'sriov@7': 'c1fcdf0cc3f2721840345ef9acefac3f65683c62e413c5a311236e3ec3fe024d', // 3868 lines
  'vf-failover@1': '027b3e9c64ca6312bf41e70ee1159a52955b469a295fe803d3246ac5fb28abc5', // 7906 lines
  'vf-failover@7': '4db7df9b8ef1444118c7b21f5c219d30d59baff5804179d795367523179aef18', // 7972 lines
  'vm-to-vm@1': 'ee22ad99d1cca9a6c89323360ddf7cc6b9fcd3be03e315174a4716d066bddf7c', // 11242 lines
  'vm-to-vm@7': '215b4966023f6ace19a31002cca41844b7a6a58c60cbdbfe3e00c9b2c9c17675', // 11338 lines
  'mixed@1': '3d18647141922c24aee450d09c262b27ddb3eba4b2244684bc0bd5bf581bf19a', // 8296 lines
  'mixed@7': '60a3efa71fd6bee43014c7a8eb820fc2173da17f30cd6bdb905bd7d465393927', // 8266 lines
  'stress@1': '64b176611c78655f696f21edf4fc4cf291c85d64847c44f498a250f2ed4fae4f', // 48081 lines
  'stress@7': '367078fa185a40b676cda7506af12b57fc3375f365367928074aa2414fa48c56', // 48027 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': 'b625d08af61a071662920ae1dec5b0d282bdceadf687ef97c65a25afdebd37cd', // 11146 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': 'e2c673b7baafe8d76249fa1257b97fde4dcc8708a3a3db9421aea7f14448a5df', // 11171 lines
  'synthetic: add and remove VMs, extensions, faults@1': 'aa9d12cde75f38daaaafa97ab3bd4f7dd4771264fb11b22f02d7d9ac82e3d796', // 5291 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'ccf6690640de36f3a8fd4ea04f6ade3a500b8493198e0ab8fefe197aaeb2b2f6', // 5247 lines
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
