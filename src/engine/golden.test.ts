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
  'synthetic@1': 'd8e587a73ef5bc70dddadc3f843e8ceb27f2d2bab9f69c5c864ad49fc61094e5', // 7522 lines
  'synthetic@7': '0a63c1026b280fd02b34606a424da91c57906f0f52432a2d287b448a82786f41', // 7499 lines
  'emulated@1': '9ae26730286a432c4ebbee95f509bf5dbc1e0f93e828cda6267ff767ce17a484', // 686 lines
  'emulated@7': 'd127bb2d51a82f9457c4a68b7a87d854855d68439942fd5a0bc32ce63b2e8339', // 686 lines
  'vmq@1': 'ec7458730db75cf1c1e30d43460383c7bdc8daa6d4251a41650b93ce063c0a3f', // 22974 lines
  'vmq@7': '1bbb221c2c4c729ff0a718415563c790b87cd00f513a1887711eb6635ecd84b0', // 22979 lines
  'sriov@1': '787d0b4dfbcd1aeb6ae80fceb458767324c01bab96144ee76d4537c2c49b8fc4', // 3883 lines
  'sriov@7': 'd713d4ffab9f216c4c450913f08eb96ebac0f3f487abcca3ecbcad7824bd303a', // 3873 lines
  'vf-failover@1': 'da62c9b6ea40abdab360e149b21c0c34f7556b9865d21a2bab12f247e724cd23', // 7842 lines
  'vf-failover@7': 'e32e3fc5618b22ca7158d7341873ac3176eee032d83b1cc5a66ef54191fae752', // 7962 lines
  'vm-to-vm@1': 'd65d0b77f1cd9410348849ddcf22915574d7dc9c68247afa1446762b2dc14439', // 11269 lines
  'vm-to-vm@7': '21911e2c9478565c4f9bb70569d15408bd6636ffcd0ad22b3c2107c3535ca2ed', // 11337 lines
  'mixed@1': '3d60bb929a38006a13b7754406a0bf96fc8f7df202dd6e5dd448a604c8ab7217', // 8339 lines
  'mixed@7': 'b8cc2c0d35816c2232d59cacd55ec0e67b796a50afa571030c34f59c37f84831', // 8350 lines
  'stress@1': '001ad5a0e002cf2736255da2342a01d38e2e87aa818363f973591dabdcee5208', // 48081 lines
  'stress@7': '61e2c353ceb7ea7f8f7893030a946026b57090c69a73ff1f2075a91e04b0d9cb', // 48027 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': 'b6c1d2662eada2f2453b0086439bfe2ec7f488408f8c2da3292f350edd12fc3c', // 11170 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': '3bd14299f7b78ec855f137b2d718ede297b27fb4c9ea94e4a9c2a68f9cec058a', // 11253 lines
  'synthetic: add and remove VMs, extensions, faults@1': 'bf4210634815ab650df3d42f1573af866f845496b2d21546b184c49f38c9fd0a', // 5246 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'c74fc9d34a5a4609d183995b0eb0cc4a4055afe53e027f1906a1601918e7758a', // 5207 lines
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
