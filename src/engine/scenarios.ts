/**
 * Named scenarios: configurations that each show one idea of the overview, plus `stress`, a
 * renderer load generator. `scenarioConfig(name, opts)` returns a fresh, valid SimConfig.
 */
import { cloneConfig, defaultConfig, makeVms } from './config';
import { Engine } from './simulation';
import type { FlowConfig, SimConfig, VmId } from './types';

export interface ScenarioOptions {
  /** Number of VMs (stress; other scenarios ignore it unless stated). */
  vms?: number;
  /** stress: packets crossing links at any moment (Little's law target). */
  packets?: number;
}

export interface ScenarioInfo {
  description: string;
  build: (opts: ScenarioOptions) => SimConfig;
  /** Suggested playback: simulated ns per wall second at normal speed (a hint for the store). */
  playbackNsPerSecond?: number;
}

const flow = (id: string, direction: FlowConfig['direction'], vm: VmId, protocol: FlowConfig['protocol'], ratePps: number, extra: Partial<FlowConfig> = {}): FlowConfig => ({
  id,
  direction,
  vm,
  protocol,
  packetBytes: 1500,
  ratePps,
  ...extra,
});

function base(vms: SimConfig['vms']): SimConfig {
  // Scenarios start from the host of the first default configuration (VMQ on, SR-IOV off) so
  // that changing what a fresh page shows changes no named scenario.
  const c = defaultConfig();
  c.vms = vms;
  c.flows = [];
  c.vmq = true;
  c.sriov = false;
  return c;
}

/** Hop time scale of the stress scenario (see SimConfig.loadGenerator). */
export const STRESS_HOP_TIME_SCALE = 200;

/**
 * stress: many VMs, heavy traffic, sized so that about `packets` packets cross links at any
 * moment. Rates come from Little's law: rate = N ÷ (time a packet spends crossing links), with
 * that time measured on the compiled routes after a silent boot of the same host.
 */
const stressCache = new Map<string, SimConfig>();

function stress(opts: ScenarioOptions): SimConfig {
  const key = `${opts.vms ?? ''}:${opts.packets ?? ''}`;
  const hit = stressCache.get(key);
  if (hit) return cloneConfig(hit);
  const c = buildStress(opts);
  if (stressCache.size > 32) stressCache.clear();
  stressCache.set(key, c);
  return cloneConfig(c);
}

function buildStress(opts: ScenarioOptions): SimConfig {
  const n = Math.max(1, Math.min(64, Math.round(opts.vms ?? 16)));
  const packets = Math.max(1, Math.round(opts.packets ?? 2000));
  const c = base(makeVms(n, ['synthetic', 'sriov', 'synthetic', 'sriov']));
  c.vmq = true;
  c.sriov = true;
  c.logicalProcessors = 16;
  c.nic = { vmqQueues: 64, vfCount: 64, linkGbps: 100 };
  c.loadGenerator = { hopTimeScale: STRESS_HOP_TIME_SCALE };
  const flows: FlowConfig[] = [];
  for (let i = 1; i <= n; i++) {
    const vm = `vm${i}` as VmId;
    flows.push(flow(`s${i}-tx`, 'vm-to-external', vm, 'udp', 1));
    flows.push(flow(`s${i}-rx`, 'external-to-vm', vm, 'udp', 1));
    if (n > 1 && i % 2 === 1) flows.push(flow(`s${i}-vm`, 'vm-to-vm', vm, 'udp', 1, { peerVm: `vm${(i % n) + 1}` as VmId }));
  }
  // Pilot: boot the same host without traffic, then read each route's link-crossing time.
  const pilot = new Engine({ ...c, flows }, { seed: 1 });
  pilot.apply({ kind: 'set-flows', flows: [] });
  let t = 0;
  while (!pilot.settled() && t < 50_000_000) {
    t += 5_000;
    pilot.runUntil(t);
  }
  const perFlow = packets / flows.length;
  c.flows = flows.map((f, i) => {
    pilot.apply({ kind: 'set-flows', flows });
    const active = Math.max(1, pilot.routeTotalNs(i));
    return { ...f, ratePps: Math.min(1e9, (perFlow * 1e9) / active), startNs: t };
  });
  pilot.dispose();
  return c;
}

export const SCENARIOS: Readonly<Record<string, ScenarioInfo>> = Object.freeze({
  synthetic: {
    description: 'One VM with a synthetic adapter: NetVSC ↔ VMBus rings ↔ NetVSP ↔ vSwitch, with VMQ. UDP out, TCP-like request/response in.',
    build: () => {
      const c = base(makeVms(1, 'synthetic'));
      c.flows = [flow('tx', 'vm-to-external', 'vm1', 'udp', 50_000), flow('rx', 'external-to-vm', 'vm1', 'tcp', 20_000)];
      return c;
    },
  },
  emulated: {
    description: 'One VM with the emulated Intel 21140 (legacy) adapter: every register access is a VM exit handled by the worker process; Fast Ethernet speed.',
    build: () => {
      const c = base(makeVms(1, 'emulated'));
      c.flows = [flow('tx', 'vm-to-external', 'vm1', 'udp', 4_000), flow('rx', 'external-to-vm', 'vm1', 'icmp', 2_000)];
      return c;
    },
  },
  vmq: {
    description: 'Four synthetic VMs receiving, VMQ on with two queues: queues go first come first served (vm1, vm2); vm3 and vm4 share the default queue on LP0.',
    build: () => {
      const c = base(makeVms(4, 'synthetic'));
      c.nic.vmqQueues = 2;
      c.flows = c.vms.map((v) => flow(`rx-${v.id}`, 'external-to-vm', v.id, 'udp', 60_000));
      return c;
    },
  },
  sriov: {
    description: 'One VM with an SR-IOV VF bonded to NetVSC: after bring-up, data goes VF ↔ NIC switch with DMA through the IOMMU, no VMBus and no root CPU.',
    build: () => {
      const c = base(makeVms(1, 'sriov'));
      c.sriov = true;
      c.flows = [flow('tx', 'vm-to-external', 'vm1', 'udp', 50_000), flow('rx', 'external-to-vm', 'vm1', 'tcp', 20_000)];
      return c;
    },
  },
  'vf-failover': {
    description: 'SR-IOV VM with a TCP-like flow; the VF is removed at 1 ms (traffic falls back to the synthetic path) and added back at 3 ms.',
    build: () => {
      const c = base(makeVms(1, 'sriov'));
      c.sriov = true;
      c.flows = [flow('tcp', 'vm-to-external', 'vm1', 'tcp', 50_000), flow('rx', 'external-to-vm', 'vm1', 'udp', 20_000)];
      c.faults = [
        { atNs: 1_000_000, kind: 'vf-remove', vm: 'vm1' },
        { atNs: 3_000_000, kind: 'vf-add', vm: 'vm1' },
      ];
      return c;
    },
  },
  'vm-to-vm': {
    description: 'Traffic between VMs on one host: synthetic to synthetic through the vSwitch (never the NIC), VF to VF through the NIC switch, VF to a VM without VF through the PF default VPort.',
    build: () => {
      const c = base(makeVms(4, ['synthetic', 'synthetic', 'sriov', 'sriov']));
      c.sriov = true;
      c.flows = [
        flow('syn', 'vm-to-vm', 'vm1', 'tcp', 30_000, { peerVm: 'vm2' }),
        flow('vf', 'vm-to-vm', 'vm3', 'udp', 30_000, { peerVm: 'vm4' }),
        flow('vf-syn', 'vm-to-vm', 'vm3', 'udp', 10_000, { peerVm: 'vm1' }),
      ];
      return c;
    },
  },
  mixed: {
    description: 'One VM per adapter kind (synthetic, emulated, SR-IOV) side by side, each sending and receiving.',
    build: () => {
      const c = base(makeVms(3, ['synthetic', 'emulated', 'sriov']));
      c.sriov = true;
      c.flows = c.vms.flatMap((v) => {
        const rate = v.adapter === 'emulated' ? 3_000 : 30_000;
        return [flow(`tx-${v.id}`, 'vm-to-external', v.id, 'udp', rate), flow(`rx-${v.id}`, 'external-to-vm', v.id, 'tcp', rate / 2)];
      });
      return c;
    },
  },
  vrss: {
    description: 'One synthetic VM with 4 vCPUs receiving 16 UDP flows (≈4.8 Gb/s, more than one host core handles), vRSS and VMMQ on: NVSP 133 opens 3 subchannels, the NIC hashes the flows over 4 queues and LPs, the guest over 4 VPs.',
    build: () => {
      const c = base(makeVms(1, 'synthetic', 4));
      c.vrss = true;
      c.vmmq = true;
      c.vms[0]!.nic = { queues: 4 };
      // 16 flows: RSS keeps each flow on one channel, and the Toeplitz hash of 16 ports fills all 4.
      c.flows = Array.from({ length: 16 }, (_, i) => flow(`rx${i + 1}`, 'external-to-vm', 'vm1', 'udp', 25_000));
      return c;
    },
  },
  'port-policy': {
    description:
      'vSwitch port policy and the SR-IOV trade-off: vm1 is limited to 200 Mbit/s and mirrored to vm4; vm2’s port ACL denies its outbound UDP 5001; vm3 has the same ACL and limit but sends on its SR-IOV VF, which bypasses the vSwitch, so neither applies.',
    build: () => {
      const c = base(makeVms(4, ['synthetic', 'synthetic', 'sriov', 'synthetic']));
      c.sriov = true;
      const acl = [{ direction: 'outbound' as const, action: 'deny' as const, protocol: 'udp' as const, remotePort: 5001 }];
      c.vms = c.vms.map((v) => {
        if (v.id === 'vm1') return { ...v, nic: { maxMbps: 200, mirror: 'source' as const } };
        if (v.id === 'vm2') return { ...v, nic: { acl } };
        if (v.id === 'vm3') return { ...v, nic: { acl, maxMbps: 200 } };
        if (v.id === 'vm4') return { ...v, nic: { mirror: 'destination' as const } };
        return v;
      });
      c.flows = [
        flow('tx-vm1', 'vm-to-external', 'vm1', 'udp', 30_000),
        flow('tx-vm2', 'vm-to-external', 'vm2', 'udp', 10_000),
        flow('rx-vm2', 'external-to-vm', 'vm2', 'tcp', 10_000),
        flow('tx-vm3', 'vm-to-external', 'vm3', 'udp', 30_000),
      ];
      return c;
    },
  },
  offloads: {
    description:
      'Two synthetic VMs with the same UDP traffic out and in: vm1 with offloads off, vm2 with LSO (one GPA-direct VMBus packet per 64 KB large send, cut into frames by the NIC) and RSC in the vSwitch (one VMBus packet per coalesced group). Checksum offload is on for both. Real WS2019+ hosts have LSO and RSC on by default; the model starts with them off so their effect can be switched on and seen.',
    build: () => {
      const c = base(makeVms(2, 'synthetic'));
      c.vms = c.vms.map((v) => (v.id === 'vm2' ? { ...v, nic: { lso: true, rsc: true } } : v));
      c.flows = c.vms.flatMap((v) => [flow(`tx-${v.id}`, 'vm-to-external', v.id, 'udp', 100_000), flow(`rx-${v.id}`, 'external-to-vm', v.id, 'udp', 100_000)]);
      return c;
    },
  },
  stress: {
    description:
      'Load generator for rendering benchmarks: many VMs (default 16, synthetic and SR-IOV) with traffic sized so that about N packets cross links at once (Little’s law). It exceeds physical rates on purpose: loadGenerator mode turns off CPU, link and queue contention, stretches data-path hops ×200 and compresses VM start-up (control messages take 1 ns).',
    build: stress,
    playbackNsPerSecond: 1_000_000,
  },
});

export type ScenarioName = keyof typeof SCENARIOS;

/** A fresh configuration for a named scenario; throws on an unknown name (list: SCENARIOS). */
export function scenarioConfig(name: string, opts: ScenarioOptions = {}): SimConfig {
  const s = SCENARIOS[name];
  if (!s) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  return s.build(opts);
}
