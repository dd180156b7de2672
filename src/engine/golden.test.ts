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
  'port-policy: live set-vm-nic (ACL, limit, mirroring, trunk) and a VF removed': {
    config: () => scenarioConfig('port-policy'),
    durationNs: 5_000_000,
    steps: [
      { atNs: 1_000_000, command: { kind: 'set-vm-nic', vm: 'vm2', settings: { acl: [] } } },
      { atNs: 1_500_000, command: { kind: 'set-vm-nic', vm: 'vm1', settings: { maxMbps: 0, mirror: 'none' } } },
      { atNs: 2_000_000, command: { kind: 'set-vm-nic', vm: 'vm2', settings: { vlanMode: 'trunk', trunkVlans: [10], mirror: 'source' } } },
      { atNs: 2_500_000, command: { kind: 'set-vm-nic', vm: 'vm1', settings: { acl: [{ direction: 'inbound', action: 'deny', protocol: 'tcp' }] } } },
      { atNs: 3_000_000, command: { kind: 'fault', fault: { kind: 'vf-remove', vm: 'vm3' } } },
    ],
  },
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
  'synthetic@1': '578abe29c6161ee5469745a4fc22b218afe7f249523f2dacefb20236ec07e67b', // 7420 lines
  'synthetic@7': '28629f22b8e65775371cccd603142935d85d2098593b2e6d4fdbd69271ba874d', // 7469 lines
  'emulated@1': 'eb1400c499bda26dc8275216aec614370638172482a8f7769513d1e6461d9bca', // 686 lines
  'emulated@7': '8f994d0ade61c29b01e2e23a446c8abb7a0b7ee7deb3491f682ba056ac1ebbfe', // 686 lines
  'vmq@1': '1e36146d28a37df39e2bce068b1427167f745ae5eeb2b6823d1c08b803352dc9', // 22926 lines
  'vmq@7': 'be9761ada2d281f26996eedf64fe2a6ca61b987c487e461b7eb3a5df580374f2', // 22931 lines
  'sriov@1': '968eb2af8da8eae23a097f2e2153795581f3d35edcd2945ec7dd66f0e83fcd42', // 3818 lines
  'sriov@7': '421cb81c127bd73dc6c652b5e981188b01b719222f6fc5da4f48d76180e0307d', // 3855 lines
  'vf-failover@1': 'c70c23718d16acb2e0db2dc6a5cadc246031d7c6b0d83b13ca1b94c94665b966', // 7662 lines
  'vf-failover@7': '7633e78e00e269ef0aca6daf8f28f9222504b0078b3f4993c3167855279e7df3', // 7733 lines
  'vm-to-vm@1': '09187b41af01c76994741ae7e80ef7d53b6178fbcd7af92d7f4a335d965c0662', // 11289 lines
  'vm-to-vm@7': 'fe5aa94b0e09e64c107bd152a9f2afa165c44dde3dcf1e7916dd47d106b96c7b', // 11313 lines
  'mixed@1': 'a4e979bb0445b316ba421ff3895520520b61a72fbf4b832aaeb6c12ad45dd957', // 8283 lines
  'mixed@7': 'e7c95cc85b372988d2ebca7360f8dc43820bd042dcfcee40f1f1418b55bce77a', // 8337 lines
  // Issue 11: vRSS/VMMQ (subchannels, NVSP 133/134, VMMQ queues); a new scenario, no existing hash changed.
  'vrss@1': '79ca37e136a55f6ee152a570e8aaf3b58a71e4ec763980dfe76664551bb163bc', // 25457 lines
  'vrss@7': '4c2faa4fe5eef2658efd6c81eddea623b8bdf6206390642bf496a3daaec13378', // 25969 lines
  'port-policy@1': '60939589402c6d68e56c93af0b87004b2bc371091e12a37aefd6fbb14ce7e220', // 7830 lines (issue 11 port policy)
  'port-policy@7': '37c417e987bfcfa68ce8931c9881bf4caedde0774c01cc2b31c0d46cc9403da9', // 7883 lines
  'port-policy: live set-vm-nic (ACL, limit, mirroring, trunk) and a VF removed@1': '399ad105e5c59adf66b1731de8b2df145b3b3659a0c520d80967b542db3339ea', // 11876 lines
  'port-policy: live set-vm-nic (ACL, limit, mirroring, trunk) and a VF removed@7': 'c1abfcb2b91e598ad1434d22de07dfb2bb1b400b9ca400138312bd5e8e5c1187', // 11939 lines
  'offloads@1': '57174646999e66c16d252fe5c6f9c74b5236e4bad7e0705f6261a0b45a16699d', // 15264 lines
  'offloads@7': 'ddbcdcdff23ada5284ba3f0a1f0ba15f94035f2c30108808e05abce316529f49', // 15224 lines
  'stress@1': '3772d3db86f413993313c57ea740a72d9065ae815a09dc8f6aac0fe80bfd5553', // 48097 lines
  'stress@7': '7a673075e875965658db761e927d17f6a7959642ec30be8975ca6d24eaa193c7', // 48043 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@1': 'bf8f6d1cd554f86e0e8f50b4904ef08a53449142108436e519c30ccd55b8b12a', // 11034 lines
  'mixed: adapter changes, VMQ and SR-IOV toggles@7': '978af05628a4e234abc99d556bc9008c32bca47de9bf0cb6b5ffe6af4ae78dbf', // 11222 lines
  'synthetic: add and remove VMs, extensions, faults@1': '716a9769230afce67784c54b1384ec52a7ca3997cfb309d5235e94df4e3b61ad', // 6039 lines
  'synthetic: add and remove VMs, extensions, faults@7': '13f763abe8bc6fb9e8beaff8aaf342fbf9d3f5e5345a31e44cd07fe0bb2fdb06', // 6068 lines
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
