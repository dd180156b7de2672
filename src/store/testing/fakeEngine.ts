/**
 * A tiny deterministic stand-in for `src/engine` used by the store's unit tests (vi.mock), so the
 * store's logic (playback, replay, notes, automation) is tested apart from the engine's model.
 * It sends one data packet per VM every `periodNs`, each as send → hop → deliver, and models just
 * enough state for the store: VMQ queue assignment, adapters, link state.
 */
import { buildTopology } from '../../engine/topology';
import type {
  ConfigChange, InFlightBuffer, Metrics, PathMetrics, SimConfig, Simulation, SimulationOptions, Snapshot, TraceEvent, VmState,
} from '../../engine/types';
import { guest, root } from '../../engine/ids';

export const periodNs = 1_000;
/** The first data packet leaves at this time (before it: one control event per VM). */
export const firstDataNs = 5_000;

export function defaultConfig(): SimConfig {
  return {
    vms: [{ id: 'vm1', adapter: 'synthetic', vcpus: 2 }, { id: 'vm2', adapter: 'synthetic', vcpus: 2 }],
    vmq: true, sriov: false, nic: { vmqQueues: 8, vfCount: 8, linkGbps: 10 }, logicalProcessors: 8,
    flows: [{ id: 'f1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 20_000 }],
    extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false }, faults: [],
  };
}

export const SCENARIOS = { synthetic: {}, emulated: {}, vmq: {}, stress: {} } as Record<string, unknown>;

export function scenarioConfig(name: string, opts: { vms?: number } = {}): SimConfig {
  const c = defaultConfig();
  const n = opts.vms ?? 2;
  c.vms = Array.from({ length: n }, (_, i) => ({ id: `vm${i + 1}` as const, adapter: name === 'emulated' ? 'emulated' as const : 'synthetic' as const, vcpus: 2 }));
  return c;
}

export function parseConfig(input: unknown) {
  const c = input as SimConfig;
  if (!c || !Array.isArray(c.vms) || c.vms.length < 1 || c.vms.length > 64) return { ok: false as const, errors: [{ path: 'vms', message: '1…64' }] };
  return { ok: true as const, config: c };
}

export function createInFlightBuffer(capacity: number): InFlightBuffer {
  return { count: 0, capacity, packetId: new Int32Array(capacity), link: new Int32Array(capacity), progress: new Float32Array(capacity), path: new Uint8Array(capacity) };
}

const ring = { sizeBytes: 520_192, usedBytes: 0, writeIndex: 0, readIndex: 0, interruptMask: false, pendingSendSz: 0, packets: 0 };
const pm = (): PathMetrics => ({ packets: 0, bytes: 0, throughputBps: 0, latencyNs: { count: 0, p50: 0, p90: 0, p99: 0, max: 0, mean: 0 }, vmExits: 0, hypercalls: 0, interrupts: 0, copies: 0, rootCycles: 0, guestCycles: 0, hvCycles: 0 });

export function createSimulation(initial: SimConfig, opts: SimulationOptions): Simulation {
  const config: SimConfig = JSON.parse(JSON.stringify(initial)) as SimConfig;
  let now = 0;
  let seq = 0;
  let sent = 0;
  let linkUp = true;
  let topoVersion = 0;
  let pending: TraceEvent[] = [];
  let dropped = 0;
  const listeners = new Set<(e: TraceEvent) => void>();
  // Queue of future events: [t, make]. Deterministic: times are multiples of the period.
  let nextData = firstDataNs;
  let controlDone = 0;

  const emit = (e: Omit<TraceEvent, 'seq'>) => {
    const ev = { ...e, seq: seq++ };
    pending.push(ev);
    if (pending.length > (opts.maxEventsPerSnapshot ?? 20_000)) { pending.shift(); dropped++; }
    for (const l of listeners) l(ev);
  };
  const nextTime = () => (controlDone < config.vms.length ? controlDone * 100 : nextData);
  const fire = () => {
    if (controlDone < config.vms.length) {
      const vm = config.vms[controlDone]!.id;
      emit({ t: controlDone * 100, kind: 'config', packet: null, from: 'root.vmms', to: root.netvsp(vm), path: 'control', cpu: null, detail: 'OFFERCHANNEL', dur: 0, vm, cost: null });
      now = controlDone * 100;
      controlDone++;
      return;
    }
    now = nextData;
    for (const v of config.vms) {
      const p = sent++;
      const path = v.adapter === 'sriov' && config.sriov ? 'sriov' : v.adapter === 'emulated' ? 'emulated' : 'synthetic';
      emit({ t: now, kind: 'send', packet: p, from: guest.stack(v.id), to: guest.netvsc(v.id), path, cpu: null, detail: '', dur: 0, vm: v.id, cost: null });
      emit({ t: now, kind: 'hop', packet: p, from: guest.netvsc(v.id), to: guest.ringOut(v.id), path, cpu: { partition: v.id, lp: 1, vp: 0, cycles: 450 }, detail: 'NVSP 107', dur: 150, vm: v.id, cost: 'H2' });
      emit({ t: now, kind: linkUp ? 'deliver' : 'drop', packet: p, from: 'nic', to: 'wire', path, cpu: null, detail: linkUp ? '' : 'link-down', dur: 0, vm: v.id, cost: null });
    }
    nextData += periodNs;
  };

  const vmState = (v: SimConfig['vms'][number], i: number): VmState => {
    const queue = config.vmq && i < config.nic.vmqQueues ? i + 1 : null;
    return {
      id: v.id, adapter: v.adapter, activePath: v.adapter === 'sriov' ? (config.sriov ? 'sriov' : 'synthetic') : v.adapter,
      channel: 'open', nvsp: 'ready', out: ring, in: ring, vmqQueue: queue, rxLp: queue ?? 0,
      vf: v.adapter === 'sriov' && config.sriov ? i + 1 : null, iommuMappings: [], mac: `00:15:5d:00:00:0${i + 1}`, ip: `10.0.0.${i + 1}`,
    };
  };

  const sim: Simulation = {
    get config() { return config; },
    seed: opts.seed,
    now: () => now,
    step() { fire(); return true; },
    runUntil(t) { while (nextTime() <= t) fire(); now = t; },
    peekTime: () => nextTime(),
    apply(change: ConfigChange) {
      switch (change.kind) {
        case 'set-vmq': config.vmq = change.on; break;
        case 'set-sriov': config.sriov = change.on; break;
        case 'set-adapter': config.vms.find((v) => v.id === change.vm)!.adapter = change.adapter; break;
        case 'add-vm': config.vms.push({ id: `vm${config.vms.length + 1}` as const, adapter: change.adapter, vcpus: 2 }); topoVersion++; break;
        case 'remove-vm': config.vms = config.vms.filter((v) => v.id !== change.vm); config.flows = config.flows.filter((f) => f.vm !== change.vm); topoVersion++; break;
        case 'set-flows': config.flows = change.flows; break;
        case 'set-extensions': config.extensions = change.extensions; topoVersion++; break;
        case 'fault':
          if (change.fault.kind === 'link-down') linkUp = false;
          if (change.fault.kind === 'link-up') linkUp = true;
          emit({ t: now, kind: 'fault', packet: null, from: 'nic', to: 'nic', path: 'control', cpu: null, detail: change.fault.kind, dur: 0, vm: change.fault.vm ?? null, cost: null });
          break;
      }
    },
    topology: () => buildTopology(config),
    topologyVersion: () => topoVersion,
    snapshot(): Snapshot {
      const events = pending;
      pending = [];
      const d = dropped;
      dropped = 0;
      const vms = config.vms.map(vmState);
      return {
        timeNs: now, accounting: { sent, delivered: sent, dropped: 0, inFlight: 0, dropsByReason: {} }, vms,
        vmqAssignments: vms.filter((v) => v.vmqQueue !== null).map((v) => ({ queue: v.vmqQueue as number, vm: v.id, lp: v.rxLp })),
        vfAssignments: vms.filter((v) => v.vf !== null).map((v) => ({ vf: v.vf as number, vm: v.id })), linkUp, events, eventsDropped: d,
      };
    },
    fillInFlight(buf) { buf.count = 0; return buf; },
    packet: () => null,
    packetHistory: () => [],
    metrics: (): Metrics => ({ simTimeNs: now, accounting: { sent, delivered: sent, dropped: 0, inFlight: 0, dropsByReason: {} }, perPath: { synthetic: pm(), emulated: pm(), sriov: pm() }, perVm: {}, perLp: [], perPartition: {}, events: seq }),
    subscribe(l) { listeners.add(l); return () => listeners.delete(l); },
    dispose() { listeners.clear(); },
  };
  return sim;
}
