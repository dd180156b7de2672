/**
 * Small builders for the configurations lessons and questions run. They build a complete
 * `SimConfig` themselves (rather than patching the engine's default), so a lesson shows the same
 * host whatever the default scenario becomes.
 */
import { createSimulation } from '../engine';
import { matchesEvent, type EventPredicate } from './predicates';
import type {
  AdapterKind,
  ConfigChange,
  ExtensionsConfig,
  FaultEvent,
  FlowConfig,
  FlowDirection,
  Protocol,
  SimConfig,
  VmId,
} from '../engine/types';

export interface SceneOptions {
  /** One entry per VM, vm1…vmN in order. */
  adapters: AdapterKind[];
  vmq?: boolean;
  sriov?: boolean;
  vmqQueues?: number;
  vfCount?: number;
  logicalProcessors?: number;
  linkGbps?: number;
  vcpus?: number;
  flows?: FlowConfig[];
  extensions?: Partial<ExtensionsConfig>;
  faults?: FaultEvent[];
}

export const noExtensions = (): ExtensionsConfig => ({
  capture: false,
  filter: { enabled: false, dropRules: [] },
  forwarding: false,
});

export function scene(o: SceneOptions): SimConfig {
  const ext = { ...noExtensions(), ...o.extensions };
  return {
    vms: o.adapters.map((adapter, i) => ({ id: `vm${i + 1}` as VmId, adapter, vcpus: o.vcpus ?? 2 })),
    vmq: o.vmq ?? false,
    sriov: o.sriov ?? false,
    nic: { vmqQueues: o.vmqQueues ?? 4, vfCount: o.vfCount ?? 4, linkGbps: o.linkGbps ?? 10 },
    logicalProcessors: o.logicalProcessors ?? 4,
    flows: o.flows ?? [],
    extensions: ext,
    faults: o.faults ?? [],
  };
}

export interface FlowOptions {
  protocol?: Protocol;
  packetBytes?: number;
  ratePps?: number;
  startNs?: number;
  stopNs?: number;
  peerVm?: VmId;
}

export function flow(id: string, direction: FlowDirection, vm: VmId, o: FlowOptions = {}): FlowConfig {
  const f: FlowConfig = {
    id,
    direction,
    vm,
    protocol: o.protocol ?? 'udp',
    packetBytes: o.packetBytes ?? 1500,
    ratePps: o.ratePps ?? 10_000,
  };
  if (o.peerVm !== undefined) f.peerVm = o.peerVm;
  if (o.startNs !== undefined) f.startNs = o.startNs;
  if (o.stopNs !== undefined) f.stopNs = o.stopNs;
  return f;
}

/**
 * Simulated time of the first event matching `p` in a fresh run of (config, seed), or null if
 * none happens before `limitNs`. Lessons use it to open a scene just before the moment they are
 * about (the boot sequence, the first data packet, a fault), whatever the engine's timings are.
 */
const firstEventCache = new Map<string, number | null>();

export function firstEventNs(config: SimConfig, seed: number, p: EventPredicate, limitNs = 20_000_000): number | null {
  const key = JSON.stringify([config, seed, p, limitNs]);
  if (firstEventCache.has(key)) return firstEventCache.get(key) ?? null;
  const found = searchFirstEvent(config, seed, p, limitNs);
  if (firstEventCache.size > 64) firstEventCache.clear();
  firstEventCache.set(key, found);
  return found;
}

function searchFirstEvent(config: SimConfig, seed: number, p: EventPredicate, limitNs: number): number | null {
  const sim = createSimulation(config, { seed, maxEventsPerSnapshot: 1 });
  let found: number | null = null;
  const off = sim.subscribe((e) => {
    if (found === null && matchesEvent(p, e)) found = e.t;
  });
  try {
    for (let t = 0; found === null && t < limitNs; ) {
      t = Math.min(limitNs, t + 10_000);
      sim.runUntil(t);
    }
  } finally {
    off();
    sim.dispose();
  }
  return found;
}

/** A scene start `leadNs` before the first event matching `p` (0 if it never happens). */
export const before =
  (p: EventPredicate, leadNs: number) =>
  (config: SimConfig, seed: number): number =>
    Math.max(0, (firstEventNs(config, seed, p) ?? leadNs) - leadNs);

/**
 * Time the boot sequence of `config` (VMBus, NVSP/RNDIS, VF bring-up, switch OIDs) has finished:
 * the end of its last management event, in a run without traffic. Memoised.
 */
const bootCache = new Map<string, number>();

export function bootDoneNs(config: SimConfig, seed = 1, limitNs = 20_000_000): number {
  const quiet = { ...config, flows: [], faults: [] };
  const key = JSON.stringify([quiet, seed]);
  const hit = bootCache.get(key);
  if (hit !== undefined) return hit;
  const sim = createSimulation(quiet, { seed, maxEventsPerSnapshot: 1 });
  let last = 0;
  const off = sim.subscribe((e) => {
    if (e.path === 'control' || e.kind === 'config') last = Math.max(last, e.t + e.dur);
  });
  try {
    for (let t = 0; t < limitNs; ) {
      t = Math.min(limitNs, t + 50_000);
      sim.runUntil(t);
      if (t - last > 500_000) break;
    }
  } finally {
    off();
    sim.dispose();
  }
  if (bootCache.size > 64) bootCache.clear();
  bootCache.set(key, last);
  return last;
}

/** Start every flow that has no start time just after the boot sequence (plus `gapNs`). */
export function trafficAfterBoot(config: SimConfig, gapNs = 1_000, seed = 1): SimConfig {
  const at = bootDoneNs(config, seed) + gapNs;
  return { ...config, flows: config.flows.map((f) => (f.startNs === undefined ? { ...f, startNs: at } : f)) };
}

/** One leg of a walk through a lesson: changes applied on entering a step, then maybe a wait. */
export interface WalkSegment {
  changes: readonly ConfigChange[];
  wait: EventPredicate | null;
}

/**
 * Where each wait of a walk through steps is satisfied: run (config, seed) from `atNs`, and for
 * each segment apply its changes, then run until its predicate matches. Returns the end time of
 * each matching event (null for a segment without a wait, or whose event never came before
 * `limitNs`; later segments then start from the limit).
 */
export function locateWaits(
  scene: { config: SimConfig; seed: number; atNs: number },
  segments: readonly WalkSegment[],
  limitNs = 20_000_000,
): (number | null)[] {
  const sim = createSimulation(scene.config, { seed: scene.seed, maxEventsPerSnapshot: 1 });
  const out: (number | null)[] = [];
  try {
    sim.runUntil(scene.atNs);
    for (const seg of segments) {
      for (const c of seg.changes) sim.apply(c);
      if (!seg.wait) {
        out.push(null);
        continue;
      }
      const wait = seg.wait;
      let hit: number | null = null;
      const off = sim.subscribe((e) => {
        if (hit === null && matchesEvent(wait, e)) hit = e.t + e.dur;
      });
      const end = sim.now() + limitNs;
      while (hit === null && sim.now() < end) {
        // Step through events, so time stops right at the match instead of a slice later.
        const next = sim.peekTime();
        if (next === null || next > end) {
          sim.runUntil(end);
          break;
        }
        sim.step();
      }
      off();
      out.push(hit);
    }
  } finally {
    sim.dispose();
  }
  return out;
}
