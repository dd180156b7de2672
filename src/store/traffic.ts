/**
 * Traffic presets and the compact flow notation used in the address bar.
 *
 * Pure functions of the VM list: no engine, no DOM. The rates are chosen for watching, not for
 * saturating: at the default speed (5 µs of simulated time per second) a 100 kpps flow starts one
 * packet every 10 µs, i.e. a new packet per VM about every two seconds, while the total stays
 * below a 10 GbE link (≈ 813 kpps at 1,500 B) so drops only appear where the model says they
 * should (the emulated adapter, an exhausted ring, a down link).
 */
import type { FlowConfig, FlowDirection, Protocol, VmId } from '../engine/types';

export const TRAFFIC_PRESETS = ['idle', 'udp-out', 'udp-in', 'vm-to-vm', 'tcp-rr', 'ping'] as const;
export type TrafficPreset = (typeof TRAFFIC_PRESETS)[number];

export const PROTOCOLS = ['udp', 'tcp', 'icmp'] as const satisfies readonly Protocol[];
export const DIRECTIONS = ['vm-to-external', 'external-to-vm', 'vm-to-vm'] as const satisfies readonly FlowDirection[];

export const FLOW_LIMITS = {
  minBytes: 64,
  maxBytes: 9000,
  minPps: 1,
  maxPps: 10_000_000,
} as const;

/** Per-VM rate that keeps the host total near 400 kpps however many VMs there are. */
export function presetRate(base: number, vmCount: number): number {
  return Math.max(1_000, Math.round(Math.min(base, 400_000 / Math.max(1, vmCount))));
}

/**
 * Flows of a preset for the given VMs. `vm-to-vm` pairs each VM with the next one (ring order) and
 * needs at least two VMs; with one VM it yields no flows (the UI disables the option).
 */
export function presetFlows(preset: TrafficPreset, vms: readonly VmId[]): FlowConfig[] {
  const n = vms.length;
  const mk = (i: number, f: Omit<FlowConfig, 'id'>): FlowConfig => ({ id: `${preset}-${i + 1}`, ...f });
  switch (preset) {
    case 'idle':
      return [];
    case 'udp-out':
      return vms.map((vm, i) => mk(i, { direction: 'vm-to-external', vm, protocol: 'udp', packetBytes: 1500, ratePps: presetRate(100_000, n) }));
    case 'udp-in':
      return vms.map((vm, i) => mk(i, { direction: 'external-to-vm', vm, protocol: 'udp', packetBytes: 1500, ratePps: presetRate(100_000, n) }));
    case 'vm-to-vm':
      if (n < 2) return [];
      // n = 2 gives one flow vm1 → vm2 (its replies are not needed to see both paths).
      return vms.slice(0, n === 2 ? 1 : n).map((vm, i) =>
        mk(i, { direction: 'vm-to-vm', vm, peerVm: vms[(i + 1) % n] as VmId, protocol: 'udp', packetBytes: 1500, ratePps: presetRate(100_000, n) }),
      );
    case 'tcp-rr':
      return vms.map((vm, i) => mk(i, { direction: 'vm-to-external', vm, protocol: 'tcp', packetBytes: 512, ratePps: presetRate(50_000, n) }));
    case 'ping':
      return vms.map((vm, i) => mk(i, { direction: 'vm-to-external', vm, protocol: 'icmp', packetBytes: 64, ratePps: presetRate(50_000, n) }));
  }
}

/** The subset of a flow that the URL and the editor carry (ids and start/stop times are not). */
export interface FlowSpec {
  direction: FlowDirection;
  vm: VmId;
  peerVm?: VmId;
  protocol: Protocol;
  packetBytes: number;
  ratePps: number;
}

const sameFlow = (a: FlowSpec, b: FlowSpec) =>
  a.direction === b.direction &&
  a.vm === b.vm &&
  (a.direction !== 'vm-to-vm' || a.peerVm === b.peerVm) &&
  a.protocol === b.protocol &&
  a.packetBytes === b.packetBytes &&
  a.ratePps === b.ratePps;

/** The preset whose flows equal `flows` for these VMs (ignoring ids), or null. */
export function matchPreset(flows: readonly FlowSpec[], vms: readonly VmId[]): TrafficPreset | null {
  for (const p of TRAFFIC_PRESETS) {
    const pf = presetFlows(p, vms);
    if (pf.length === flows.length && pf.every((f, i) => sameFlow(f, flows[i] as FlowSpec))) return p;
  }
  return null;
}

/** Give specs the ids the engine wants (`f1`, `f2`, …). */
export function specsToFlows(specs: readonly FlowSpec[]): FlowConfig[] {
  return specs.map((s, i) => ({
    id: `f${i + 1}`,
    direction: s.direction,
    vm: s.vm,
    ...(s.direction === 'vm-to-vm' && s.peerVm ? { peerVm: s.peerVm } : {}),
    protocol: s.protocol,
    packetBytes: s.packetBytes,
    ratePps: s.ratePps,
  }));
}

export function flowToSpec(f: FlowConfig): FlowSpec {
  return {
    direction: f.direction,
    vm: f.vm,
    ...(f.direction === 'vm-to-vm' && f.peerVm ? { peerVm: f.peerVm } : {}),
    protocol: f.protocol,
    packetBytes: f.packetBytes,
    ratePps: f.ratePps,
  };
}

// ---------------------------------------------------------------------------------------------
// Compact notation: `src:dst:protocol:bytes:rate`, e.g. `vm1:ext:udp:1500:100k`.
// `ext` is the external network; `k` and `m` multiply the rate by 10³ and 10⁶.
// ---------------------------------------------------------------------------------------------

export type FlowParseError = { ok: false; reason: 'malformed' | 'range'; detail: string };

const VM_RE = /^vm([1-9]\d?)$/;

function parseEnd(s: string): VmId | 'ext' | null {
  if (s === 'ext' || s === 'external') return 'ext';
  const m = VM_RE.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 64 ? (`vm${n}` as VmId) : null;
}

function parseRate(s: string): number | null {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s);
  if (!m) return null;
  const mult = m[2]?.toLowerCase() === 'k' ? 1e3 : m[2]?.toLowerCase() === 'm' ? 1e6 : 1;
  const v = Number(m[1]) * mult;
  return Number.isFinite(v) ? Math.round(v) : null;
}

export function parseFlowSpec(text: string): { ok: true; flow: FlowSpec } | FlowParseError {
  const parts = text.trim().toLowerCase().split(':');
  if (parts.length !== 5) return { ok: false, reason: 'malformed', detail: text };
  const [srcS, dstS, protoS, bytesS, rateS] = parts as [string, string, string, string, string];
  const src = parseEnd(srcS);
  const dst = parseEnd(dstS);
  if (!src || !dst || (src === 'ext' && dst === 'ext') || src === dst) return { ok: false, reason: 'malformed', detail: text };
  if (!(PROTOCOLS as readonly string[]).includes(protoS)) return { ok: false, reason: 'malformed', detail: text };
  if (!/^\d+$/.test(bytesS)) return { ok: false, reason: 'malformed', detail: text };
  const bytes = Number(bytesS);
  const rate = parseRate(rateS);
  if (rate === null) return { ok: false, reason: 'malformed', detail: text };
  if (bytes < FLOW_LIMITS.minBytes || bytes > FLOW_LIMITS.maxBytes || rate < FLOW_LIMITS.minPps || rate > FLOW_LIMITS.maxPps) {
    return { ok: false, reason: 'range', detail: text };
  }
  const protocol = protoS as Protocol;
  if (src === 'ext') return { ok: true, flow: { direction: 'external-to-vm', vm: dst as VmId, protocol, packetBytes: bytes, ratePps: rate } };
  if (dst === 'ext') return { ok: true, flow: { direction: 'vm-to-external', vm: src, protocol, packetBytes: bytes, ratePps: rate } };
  return { ok: true, flow: { direction: 'vm-to-vm', vm: src, peerVm: dst as VmId, protocol, packetBytes: bytes, ratePps: rate } };
}

function formatRate(pps: number): string {
  if (pps >= 1e6 && pps % 1e6 === 0) return `${pps / 1e6}m`;
  if (pps >= 1e3 && pps % 1e3 === 0) return `${pps / 1e3}k`;
  return String(pps);
}

export function formatFlowSpec(f: FlowSpec): string {
  const src = f.direction === 'external-to-vm' ? 'ext' : f.vm;
  const dst = f.direction === 'external-to-vm' ? f.vm : f.direction === 'vm-to-external' ? 'ext' : (f.peerVm ?? f.vm);
  return `${src}:${dst}:${f.protocol}:${f.packetBytes}:${formatRate(f.ratePps)}`;
}

/** VMs a flow names (source, destination, peer). */
export function flowVms(f: FlowSpec): VmId[] {
  return f.direction === 'vm-to-vm' && f.peerVm ? [f.vm, f.peerVm] : [f.vm];
}
