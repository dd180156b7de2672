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
  'synthetic@1': '60b212cff86d3df26d18785a6729309a2b9c4e1a948c58c96f32f207d07929b9', // 7480 lines
  'synthetic@7': '50fc64d7223dfd5c66985dea401667f88691c85776b255b8002aff1eb4a3a881', // 7524 lines
  'emulated@1': '9ae26730286a432c4ebbee95f509bf5dbc1e0f93e828cda6267ff767ce17a484', // 686 lines
  'emulated@7': 'd127bb2d51a82f9457c4a68b7a87d854855d68439942fd5a0bc32ce63b2e8339', // 686 lines
  'vmq@1': 'ec7458730db75cf1c1e30d43460383c7bdc8daa6d4251a41650b93ce063c0a3f', // 22974 lines
  'vmq@7': '1bbb221c2c4c729ff0a718415563c790b87cd00f513a1887711eb6635ecd84b0', // 22979 lines
  'sriov@1': '1eeb419e840bae3f52d653f46b640b912669021e0b04b4895f280396fe36d2fe', // 3868 lines
  'sriov@7': '337298f382b660cb78c2a23c919e7dfcc1c919f9415b187fef69ed240b87ec1e', // 3878 lines
  'vf-failover@1': '624070ee549b92e41cd1537082339c811e1f3ba7d717e2f88f0aede214970299', // 7742 lines
  'vf-failover@7': '7d3f4148a1c408ccc6e91b3b788c3b883e5fcdc722c96613d71af889893b0fb2', // 7749 lines
  'vm-to-vm@1': '5d52ab62632614c23474e5b5b8fb757db486019e6106758869b863672cef6b4a', // 11280 lines
  'vm-to-vm@7': '8a466128c6daa5bbf4482d39d3e11fa1628dfcadd6391ddec3d42af6b8724b47', // 11352 lines
  'mixed@1': '4939edbbd8e361778e8cfb36c3ead76d2de9139958607602f7212a88ff255ff3', // 8358 lines
  'mixed@7': 'e2ef1638a02275f40fce6f7240217591a6600cd021566b45cc640f241aa4be40', // 8330 lines
  'stress@1': '001ad5a0e002cf2736255da2342a01d38e2e87aa818363f973591dabdcee5208', // 48081 lines
  'stress@7': '61e2c353ceb7ea7f8f7893030a946026b57090c69a73ff1f2075a91e04b0d9cb', // 48027 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': 'bbee2f7679100ee16486effe4a17ee822ab36040a29303af5ae5635f5086c021', // 11174 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': '26507346db5e0b46dc9f54d62720520bf4cb36b54328a72e98e094bd9c572c2b', // 11211 lines
  'synthetic: add and remove VMs, extensions, faults@1': '611115edb285e3276481f15a46b2eb6ae3dd33e178be482c0a88137bd8ce3a16', // 6094 lines
  'synthetic: add and remove VMs, extensions, faults@7': 'e125883b8830e29de38be44a4a7257d405dd801aeaaba9916a75efedde924388', // 6118 lines
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
