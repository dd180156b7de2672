/**
 * What each offload saves per byte (issue 11; engine model/offloads.ts): one synthetic VM sending
 * and receiving UDP (1,500 B, 100 k packets/s each way) run headless from the same seed with
 * offloads off, then with LSO, with RSC, and with checksum offload off, measured the same way
 * after the adapter is up. Pure TypeScript: the comparison view runs it, unit tests run it in Node.
 *
 * Per run, from the engine's own metrics over the measured window: guest, root and hypervisor
 * CPU in ns per KB of delivered frames (cycles ÷ 3 at the 3 GHz reference clock), VMBus data
 * packets and guest interrupts per MB, and delivered Gb/s. Each case names the cost rows that make
 * the difference, so the view can say their sources (or "model estimate").
 */
import { makeVms } from '../engine/config';
import type { SimConfig, Simulation, SimulationOptions, VmNicSettings } from '../engine/types';

export const OFFLOAD_CASES = ['none', 'lso', 'rsc', 'checksum-off'] as const;
export type OffloadCase = (typeof OFFLOAD_CASES)[number];

/** The vNIC settings of each case (the others at their defaults: LSO, RSC off; checksum on). */
export const OFFLOAD_CASE_NIC: Record<OffloadCase, VmNicSettings> = {
  none: { lso: false, rsc: false, checksum: true },
  lso: { lso: true, rsc: false, checksum: true },
  rsc: { lso: false, rsc: true, checksum: true },
  'checksum-off': { lso: false, rsc: false, checksum: false },
};

/** The cost rows behind each case's difference (costs.ts ids). */
export const OFFLOAD_CASE_ROWS: Record<OffloadCase, readonly string[]> = {
  none: ['H1', 'H2', 'H3', 'H6T', 'H6', 'G1'],
  lso: ['H1', 'H1S', 'H2G', 'H6T', 'H6L', 'H8'],
  rsc: ['H1', 'H1S', 'H6', 'H6C', 'G1', 'G1S', 'H7R'],
  'checksum-off': ['H1', 'H1C'],
};

export interface OffloadResult {
  case: OffloadCase;
  /** Delivered Ethernet-frame bytes while measuring. */
  bytes: number;
  gbps: number;
  guestNsPerKB: number;
  rootNsPerKB: number;
  hvNsPerKB: number;
  /** VMBus data packets (ring writes of the data path, both directions) and guest interrupts per MB. */
  vmbusPacketsPerMB: number;
  interruptsPerMB: number;
}

const WARMUP_NS = 1_000_000;

/** The host of the offload comparison: the page's NIC and LPs, one synthetic VM, UDP out and in. */
export function offloadConfig(base: SimConfig, c: OffloadCase): SimConfig {
  const vms = makeVms(1, 'synthetic').map((v) => ({ ...v, nic: { ...OFFLOAD_CASE_NIC[c] } }));
  return {
    ...base,
    vms,
    vmq: true,
    sriov: false,
    nic: { ...base.nic, vmqQueues: Math.max(1, base.nic.vmqQueues), linkGbps: Math.max(10, base.nic.linkGbps) },
    flows: [
      { id: 'off-out', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 100_000 },
      { id: 'off-in', direction: 'external-to-vm', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 100_000 },
    ],
    extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false },
    faults: [],
  };
}

/** Run one case for `durationNs` after a 1 ms warm-up (the adapter is up by then). */
export function runOffloadCase(create: (c: SimConfig, o: SimulationOptions) => Simulation, base: SimConfig, c: OffloadCase, seed: number, durationNs: number): OffloadResult {
  const sim = create(offloadConfig(base, c), { seed });
  try {
    sim.runUntil(WARMUP_NS);
    const a = sim.metrics().perPath.synthetic;
    let vmbus = 0;
    const off = sim.subscribe((e) => {
      if (e.path === 'synthetic' && e.kind === 'hop' && (e.to.endsWith('.vmbus.out') || e.to.endsWith('.vmbus.in')) && !e.detail.includes('(108)')) vmbus++;
    });
    sim.runUntil(WARMUP_NS + durationNs);
    off();
    const b = sim.metrics().perPath.synthetic;
    const bytes = b.bytes - a.bytes;
    const kb = Math.max(1e-9, bytes / 1024);
    const mb = Math.max(1e-9, bytes / (1024 * 1024));
    return {
      case: c,
      bytes,
      gbps: (bytes * 8) / durationNs,
      guestNsPerKB: (b.guestCycles - a.guestCycles) / 3 / kb,
      rootNsPerKB: (b.rootCycles - a.rootCycles) / 3 / kb,
      hvNsPerKB: (b.hvCycles - a.hvCycles) / 3 / kb,
      vmbusPacketsPerMB: vmbus / mb,
      interruptsPerMB: (b.interrupts - a.interrupts) / mb,
    };
  } finally {
    sim.dispose();
  }
}

/** Every case, one after the other, yielding between them (`yieldFn`) so a page stays responsive. */
export async function runOffloadComparison(
  create: (c: SimConfig, o: SimulationOptions) => Simulation,
  base: SimConfig,
  opts: { seed: number; durationNs?: number; yieldFn?: () => Promise<void>; signal?: { aborted: boolean } },
): Promise<OffloadResult[]> {
  const out: OffloadResult[] = [];
  for (const c of OFFLOAD_CASES) {
    if (opts.signal?.aborted) break;
    out.push(runOffloadCase(create, base, c, opts.seed, opts.durationNs ?? 2_000_000));
    if (opts.yieldFn) await opts.yieldFn();
  }
  return out;
}
