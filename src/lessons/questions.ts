/**
 * Predict-the-path questions.
 *
 * A question is a host configuration with exactly one data packet in it, and something to predict
 * about that packet: which path it takes, which component processes it, or how many VM exits it
 * costs. Questions are generated from a seed (same seed, same question, different seeds vary the
 * VMs, adapters, host switches, faults and direction).
 *
 * Nothing here stores an answer key. Grading runs the question's configuration in the engine
 * (headless, `createSimulation`) and reads the packet's actual trace; the correct choice is
 * whatever the engine did. The store later replays the same configuration and seed, so the
 * learner watches exactly the run that was graded.
 */
import { createSimulation } from '../engine';
import type { AdapterKind, PathKind, SimConfig, Simulation, TraceEvent, VmId, VmNicSettings } from '../engine/types';
import { segmentsPerGroup } from '../engine/model/offloads';
import { flow, scene } from './scenes';
import { guest, root } from '../engine/ids';

export type Simulate = (config: SimConfig, seed: number) => Simulation;

export const defaultSimulate: Simulate = (config, seed) => createSimulation(config, { seed });

/**
 * What a question asks about its one packet: the path it takes, a component that processes it,
 * how many VM exits it costs, which partition handles it (`partition`), on which logical processor
 * the root takes the NIC's interrupt for it (`lp`), or whether the root's processors work on it at
 * all (`rootCpu`). The standalone quiz rotates through `QUESTION_KINDS`; lessons may ask any kind.
 */
export type QuestionKind = 'path' | 'component' | 'exits' | 'partition' | 'lp' | 'rootCpu' | 'vmbusPackets';
export const QUESTION_KINDS = ['path', 'component', 'exits'] as const satisfies readonly QuestionKind[];

/** Logical processors of a question's host (the choices of an `lp` question). */
export const QUESTION_LPS = 4;

export type Direction = 'tx' | 'rx';

/** Exit-count buckets offered as choices (ids are stable; labels come from i18n). */
export const EXIT_BUCKETS = [
  { id: '0', min: 0, max: 0 },
  { id: '1', min: 1, max: 1 },
  { id: '2-4', min: 2, max: 4 },
  { id: '5+', min: 5, max: Number.POSITIVE_INFINITY },
] as const;

export interface Choice {
  /** Answer id: a path kind, a component id, or an exit bucket id. */
  id: string;
  /** i18n key of the label (params below). */
  labelKey: string;
  params?: Record<string, string | number>;
  /** For component questions: the diagram component this choice is. */
  componentId?: string;
}

/** A line describing the setup, as an i18n key and parameters. */
export interface Fact {
  key: string;
  params?: Record<string, string | number>;
}

export interface Question {
  /** `${quizSeed}-${index}`. */
  id: string;
  kind: QuestionKind;
  direction: Direction;
  /** The VM the question is about. */
  vm: VmId;
  /** Engine seed of the run (the store replays the same). */
  seed: number;
  config: SimConfig;
  /** The flow that carries the question's one packet. */
  flowId: string;
  /** When that flow starts, ns. */
  packetAtNs: number;
  promptKey: string;
  facts: Fact[];
  choices: Choice[];
}

/** What the engine did with the question's packet. */
export interface Outcome {
  packetId: number | null;
  /** Every event about the packet (and the VM's exits while it was in flight), in order. */
  events: TraceEvent[];
  /** Components the packet crossed, in order, without repeats. */
  route: string[];
  /** The data path at the question's VM (null if the packet never got there). */
  path: Exclude<PathKind, 'control'> | null;
  vmExits: number;
  /** LP on which the hypervisor handed the NIC's interrupt for the packet to the root (null: none). */
  rootIrqLp: number | null;
  /** Root-partition cycles charged to the packet's events. */
  rootCycles: number;
  /**
   * VMBus data packets the packet took through its VM's rings (ring writes), and the frames it
   * carried (an LSO large send or an RSC-coalesced receive carries several; engine model/offloads.ts).
   */
  vmbusPackets: number;
  frames: number;
  delivered: boolean;
  dropReason: string | null;
  /** First and last event time, ns. */
  startNs: number;
  endNs: number;
}

export interface Grade {
  correct: boolean;
  /** The choice the engine's trace makes right (null if none of the choices happened). */
  expected: string | null;
  answer: string;
  outcome: Outcome;
}

// ---------------------------------------------------------------------------------------------
// Seeded choices (mulberry32: small, fast, same numbers everywhere)
// ---------------------------------------------------------------------------------------------

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    bool: (p = 0.5) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

/** Mix a quiz seed and a question index into one 32-bit seed. */
export function mixSeed(seed: number, index: number): number {
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 1), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Running the engine
// ---------------------------------------------------------------------------------------------

/** How long boot and management traffic may take before we give up waiting for quiet. */
const SETTLE_HORIZON_NS = 50_000_000;
/** Quiet margin after the last management event. */
const SETTLE_MARGIN_NS = 20_000;
/** How long after the packet's last hop we still count the VM's exits (interrupt handling). */
const EXIT_TAIL_NS = 300_000;
/** Give up on a packet after this long. */
const PACKET_HORIZON_NS = 50_000_000;

const isManagement = (e: TraceEvent) => e.path === 'control' || e.kind === 'config' || e.kind === 'fault';

/**
 * Time after which the configuration's boot (VMBus, NVSP/RNDIS, VF bring-up) and any faults at or
 * before `afterNs` have finished: the last management event plus a margin, rounded up to 10 µs.
 */
export function settleTime(config: SimConfig, seed: number, simulate: Simulate = defaultSimulate, afterNs = 0): number {
  const sim = simulate({ ...config, flows: [] }, seed);
  let last = afterNs;
  const off = sim.subscribe((e) => {
    if (isManagement(e)) last = Math.max(last, e.t + e.dur);
  });
  // Run in slices and stop once nothing has happened for a while.
  const slice = 1_000_000;
  for (let t = slice; t <= SETTLE_HORIZON_NS; t += slice) {
    sim.runUntil(t);
    if (t > afterNs && t - last > 4 * slice) break;
  }
  off();
  sim.dispose();
  return Math.ceil((last + SETTLE_MARGIN_NS) / 10_000) * 10_000;
}

function touchesVm(e: TraceEvent, vm: VmId): boolean {
  const mine = (id: string) => id.startsWith(`${vm}.`) || id.endsWith(`.${vm}`);
  return e.vm === vm || mine(e.from) || mine(e.to);
}

/** Run a question's configuration and collect what happened to its packet. */
export function runQuestion(q: Pick<Question, 'config' | 'seed' | 'vm' | 'packetAtNs'>, simulate: Simulate = defaultSimulate): Outcome {
  const sim = simulate(q.config, q.seed);
  const events: TraceEvent[] = [];
  let packetId: number | null = null;
  let endNs: number | null = null;
  let delivered = false;
  let dropReason: string | null = null;
  const exits: TraceEvent[] = [];
  const off = sim.subscribe((e) => {
    if (e.t < q.packetAtNs) return;
    if (packetId === null && e.packet !== null && e.path !== 'control' && (e.kind === 'send' || e.kind === 'hop')) {
      packetId = e.packet;
    }
    if (e.kind === 'vmexit' && e.vm === q.vm && (endNs === null || e.t <= endNs + EXIT_TAIL_NS)) {
      if (e.packet === null || e.packet === packetId) exits.push(e);
    }
    if (packetId === null || e.packet !== packetId) return;
    if (e.kind !== 'vmexit') events.push(e);
    if (e.kind === 'deliver') {
      delivered = true;
      endNs = e.t + e.dur;
    } else if (e.kind === 'drop') {
      dropReason = e.detail;
      endNs = e.t + e.dur;
    }
  });
  const slice = 100_000;
  for (let t = q.packetAtNs + slice; t <= q.packetAtNs + PACKET_HORIZON_NS; t += slice) {
    sim.runUntil(t);
    if (endNs !== null && t > endNs + EXIT_TAIL_NS) break;
  }
  off();
  sim.dispose();

  const all = [...events, ...exits].sort((a, b) => a.seq - b.seq);
  const route: string[] = [];
  for (const e of events) {
    if (e.kind !== 'hop' && e.kind !== 'dma' && e.kind !== 'send' && e.kind !== 'deliver') continue;
    for (const id of [e.from, e.to]) if (route[route.length - 1] !== id && !route.includes(id)) route.push(id);
  }
  const counts = new Map<Exclude<PathKind, 'control'>, number>();
  for (const e of events) {
    if (e.kind === 'hop' && e.path !== 'control' && touchesVm(e, q.vm)) counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
  }
  let path: Exclude<PathKind, 'control'> | null = null;
  for (const [k, n] of counts) if (path === null || n > (counts.get(path) ?? 0)) path = k;
  const rootIrq = events.find((e) => e.kind === 'interrupt' && e.from === 'hv' && e.to.startsWith('root.') && e.cpu !== null);
  let rootCycles = 0;
  for (const e of events) if (e.cpu?.partition === 'root') rootCycles += e.cpu.cycles;
  const vmbusPackets = events.filter((e) => e.kind === 'hop' && (e.to === `${q.vm}.vmbus.out` || e.to === `${q.vm}.vmbus.in`)).length;
  const framesNote = events.map((e) => /carries (\d+) frames|RSC coalesced (\d+) segments/.exec(e.note ?? '')).find((m) => m !== null);
  const frames = framesNote ? Number(framesNote[1] ?? framesNote[2]) : 1;
  return {
    packetId,
    events: all,
    route,
    path,
    vmExits: exits.length,
    rootIrqLp: rootIrq?.cpu?.lp ?? null,
    rootCycles,
    vmbusPackets,
    frames,
    delivered,
    dropReason,
    startNs: all[0]?.t ?? q.packetAtNs,
    endNs: endNs ?? all[all.length - 1]?.t ?? q.packetAtNs,
  };
}

/** The choice the engine's outcome makes right, or null when none of them happened. */
export function expectedChoice(q: Question, o: Outcome): string | null {
  switch (q.kind) {
    case 'path':
      return o.path;
    case 'exits': {
      if (o.packetId === null) return null;
      return EXIT_BUCKETS.find((b) => o.vmExits >= b.min && o.vmExits <= b.max)?.id ?? null;
    }
    case 'component': {
      const candidates = new Set(q.choices.map((c) => c.id));
      return o.route.find((id) => candidates.has(id)) ?? null;
    }
    case 'partition': {
      if (o.packetId === null) return null;
      if (o.route.some((id) => id.startsWith('root.'))) return 'root';
      const other = o.route.some((id) => /^vm\d+\./.test(id) && !id.startsWith(`${q.vm}.`));
      return other ? 'other' : 'none';
    }
    case 'lp':
      return o.rootIrqLp === null ? null : String(o.rootIrqLp);
    case 'rootCpu':
      return o.packetId === null ? null : o.rootCycles > 0 ? 'some' : 'none';
    case 'vmbusPackets': {
      // VMBus packets for one 64 KB send: this packet's ring writes × the sends it takes.
      if (o.packetId === null || o.vmbusPackets === 0) return null;
      const perSend = o.vmbusPackets * Math.ceil(LARGE_SEND_FRAMES / o.frames);
      return perSend === 1 ? 'one' : perSend === LARGE_SEND_FRAMES ? 'perFrame' : null;
    }
  }
}

/** Frames of 1,500 B in a 64 KB send (engine model/offloads.ts), for `vmbusPackets` questions. */
export const LARGE_SEND_FRAMES = segmentsPerGroup(1500, 'udp');

/** Grade an answer against the engine: run the question, then compare. */
export function gradeQuestion(q: Question, answer: string, simulate: Simulate = defaultSimulate): Grade {
  const outcome = runQuestion(q, simulate);
  const expected = expectedChoice(q, outcome);
  return { correct: expected !== null && answer === expected, expected, answer, outcome };
}

// ---------------------------------------------------------------------------------------------
// Generating questions
// ---------------------------------------------------------------------------------------------

const ADAPTERS: readonly AdapterKind[] = ['synthetic', 'emulated', 'sriov'];

/** The components that tell the three receive paths apart, for one VM. */
export function componentCandidates(vm: VmId): Choice[] {
  return [
    { id: root.netvsp(vm), labelKey: 'quiz.component.netvsp', params: { vm }, componentId: root.netvsp(vm) },
    { id: root.vmwp(vm), labelKey: 'quiz.component.vmwp', params: { vm }, componentId: root.vmwp(vm) },
    { id: guest.vf(vm), labelKey: 'quiz.component.vf', params: { vm }, componentId: guest.vf(vm) },
  ];
}

export interface GenerateOptions {
  simulate?: Simulate;
  /** Force a kind (the standalone quiz rotates kinds; lessons may ask one kind). */
  kind?: QuestionKind;
}

/** Everything that defines a question; `generateQuestion` draws one from a seed. */
export interface QuestionSpec {
  id: string;
  kind: QuestionKind;
  direction: Direction;
  adapters: AdapterKind[];
  /** 0-based index of the VM the question is about. */
  target: number;
  sriov: boolean;
  vfCount: number;
  vmq: boolean;
  vmqQueues: number;
  /** Remove the target VM's VF (after boot, before the packet). */
  removeVf: boolean;
  engineSeed: number;
  /**
   * Offer only these choice ids (a lesson leaves out answers it has not taught yet). The engine
   * still decides; a lesson test checks that its answer is among the offered choices.
   */
  only?: readonly string[];
  /**
   * Asked before NetVSC, VMQ and SR-IOV are taught (lessons 1–2): the setup names the synthetic
   * adapter without its driver and leaves out the host features that are off, so a fact never
   * leans on a term the learner has not met yet (no forward references).
   */
  plainFacts?: boolean;
  /** Issue 11: host vRSS / VMMQ switches (absent: off); the VMs then have `vcpus` vCPUs (default 2). */
  vrss?: boolean;
  vmmq?: boolean;
  /** Port settings of the target VM (issue 11 offloads, e.g. `{ lso: true }`). */
  nic?: VmNicSettings;
}

/** Build a question from its spec: boot time, the one-packet flow, facts and choices. */
export function buildQuestion(spec: QuestionSpec, simulate: Simulate = defaultSimulate): Question {
  const { kind, direction, adapters, sriov, vfCount, vmq, vmqQueues, removeVf, engineSeed } = spec;
  const vm = `vm${spec.target + 1}` as VmId;
  const base = scene({ adapters, sriov, vmq, vmqQueues, vfCount, logicalProcessors: QUESTION_LPS });
  if (spec.vrss) base.vrss = true;
  if (spec.vmmq) base.vmmq = true;
  if (spec.nic) base.vms = base.vms.map((v) => (v.id === vm ? { ...v, nic: { ...spec.nic } } : v));
  let ready = settleTime(base, engineSeed, simulate);
  if (removeVf) {
    base.faults = [{ atNs: ready, kind: 'vf-remove', vm }];
    ready = settleTime(base, engineSeed, simulate, ready);
  }
  const packetAtNs = ready;
  const flowId = 'question';
  // One packet: a rate far below 1 / (stop − start) and a short window. A `vmbusPackets` question
  // sends one 64 KB burst instead (LARGE_SEND_FRAMES frames in about 50 µs), so that with LSO the
  // guest hands NetVSC one large send.
  const burst = kind === 'vmbusPackets';
  base.flows = [
    flow(flowId, direction === 'tx' ? 'vm-to-external' : 'external-to-vm', vm, {
      protocol: 'udp',
      ratePps: burst ? 1_000_000 : 100,
      startNs: packetAtNs,
      stopNs: packetAtNs + (burst ? (LARGE_SEND_FRAMES + 6) * 1_000 : 1_000_000),
    }),
  ];

  const plain = spec.plainFacts === true;
  const adapterKey = (a: AdapterKind) => (plain && a === 'synthetic' ? 'quiz.fact.adapter.syntheticPlain' : `quiz.fact.adapter.${a}`);
  const facts: Fact[] = adapters.map((a, i) => ({ key: adapterKey(a), params: { vm: `vm${i + 1}` } }));
  if (!plain || sriov) facts.push({ key: sriov ? 'quiz.fact.sriovOn' : 'quiz.fact.sriovOff', params: { vfs: vfCount } });
  if (!plain || vmq) facts.push({ key: vmq ? 'quiz.fact.vmqOn' : 'quiz.fact.vmqOff', params: { queues: vmqQueues } });
  if (removeVf) facts.push({ key: 'quiz.fact.vfRemoved', params: { vm } });
  if (spec.vrss !== undefined) facts.push({ key: spec.vrss ? 'quiz.fact.vrssOn' : 'quiz.fact.vrssOff' });
  if (spec.vmmq !== undefined) facts.push({ key: spec.vmmq ? 'quiz.fact.vmmqOn' : 'quiz.fact.vmmqOff' });
  if (spec.nic?.lso !== undefined) facts.push({ key: spec.nic.lso ? 'quiz.fact.lsoOn' : 'quiz.fact.lsoOff', params: { vm } });
  if (burst) facts.push({ key: 'quiz.fact.largeSend', params: { vm, frames: LARGE_SEND_FRAMES } });

  let choices: Choice[];
  switch (kind) {
    case 'path':
      choices = (['synthetic', 'emulated', 'sriov'] as const).map((p) => ({ id: p, labelKey: `quiz.choice.path.${p}` }));
      break;
    case 'component':
      choices = componentCandidates(vm);
      break;
    case 'exits':
      choices = EXIT_BUCKETS.map((b) => ({ id: b.id, labelKey: `quiz.choice.exits.${b.id}` }));
      facts.push({ key: 'quiz.fact.exitsCounted' });
      break;
    case 'partition':
      choices = (['root', 'other', 'none'] as const).map((p) => ({ id: p, labelKey: `quiz.choice.partition.${p}`, params: { vm } }));
      break;
    case 'lp':
      choices = Array.from({ length: QUESTION_LPS }, (_, n) => ({ id: String(n), labelKey: 'quiz.choice.lp', params: { n } }));
      break;
    case 'rootCpu':
      choices = (['none', 'some'] as const).map((p) => ({ id: p, labelKey: `quiz.choice.rootCpu.${p}` }));
      break;
    case 'vmbusPackets':
      choices = (['one', 'perFrame'] as const).map((p) => ({ id: p, labelKey: `quiz.choice.vmbusPackets.${p}`, params: { frames: LARGE_SEND_FRAMES } }));
      break;
  }
  if (spec.only) {
    const keep = new Set(spec.only);
    choices = choices.filter((c) => keep.has(c.id));
  }
  return {
    id: spec.id,
    kind,
    direction,
    vm,
    seed: engineSeed,
    config: base,
    flowId,
    packetAtNs,
    promptKey: `quiz.prompt.${kind}.${direction}`,
    facts,
    choices,
  };
}

/**
 * Generate question `index` of quiz `seed`. Deterministic: the same (seed, index) always gives the
 * same configuration, VM, direction and choices.
 *
 * The generator picks a *situation* for the VM in question (an emulated adapter; an SR-IOV
 * adapter with a VF available; or the synthetic path, half the time through a trap such as
 * SR-IOV switched off on the host, a NIC without VFs, or a VF removed just before) so that every
 * answer comes up about equally often. The situation is not an answer key: other VMs compete for
 * VFs and queues, and the engine's run decides.
 */
export function generateQuestion(seed: number, index: number, opts: GenerateOptions = {}): Question {
  const r = rng(mixSeed(seed, index));
  const kind: QuestionKind = opts.kind ?? (QUESTION_KINDS[(Math.abs(Math.trunc(seed)) + index) % 3] as QuestionKind);
  const vmCount = 2 + r.int(3);
  const adapters: AdapterKind[] = Array.from({ length: vmCount }, () => r.pick(ADAPTERS));
  const target = r.int(vmCount);
  const direction: Direction = kind === 'component' ? 'rx' : r.bool() ? 'tx' : 'rx';
  const situation =
    kind === 'exits'
      ? r.pick(['emulated', 'emulated', 'synthetic', 'sriov'] as const)
      : r.pick(['emulated', 'synthetic', 'sriov'] as const);
  let sriov = r.bool();
  let vfCount = r.pick([0, 2, 4, 8]);
  let removeVf = false;
  if (situation === 'emulated') {
    adapters[target] = 'emulated';
  } else if (situation === 'sriov') {
    adapters[target] = 'sriov';
    sriov = true;
    vfCount = r.pick([2, 4, 8]);
  } else if (r.bool()) {
    adapters[target] = 'synthetic';
  } else {
    // An SR-IOV adapter that will not get (or keep) a VF.
    adapters[target] = 'sriov';
    const trap = r.pick(['host-off', 'no-vf', 'removed'] as const);
    sriov = trap !== 'host-off';
    vfCount = trap === 'no-vf' ? 0 : r.pick([2, 4, 8]);
    removeVf = trap === 'removed';
  }
  const vmq = r.bool();
  const vmqQueues = r.pick([1, 2, 4, 8]);
  const engineSeed = 1 + r.int(1_000_000);
  return buildQuestion(
    { id: `${seed}-${index}`, kind, direction, adapters, target, sriov, vfCount, vmq, vmqQueues, removeVf, engineSeed },
    opts.simulate ?? defaultSimulate,
  );
}

/**
 * Why the engine did what it did, for the result screen: the reason for the path the packet took
 * at the question's VM and, for exit questions, where exits come from on that path. Derived from
 * the configuration and the engine's outcome (the outcome decides; the configuration explains).
 */
export function explainOutcome(q: Question, o: Outcome): Fact[] {
  const vm = q.vm;
  const adapter = q.config.vms.find((v) => v.id === vm)?.adapter ?? 'synthetic';
  const out: Fact[] = [];
  if (o.path === null) {
    out.push({ key: 'quiz.why.lost', params: { vm, reason: o.dropReason ?? '—' } });
    return out;
  }
  if (o.path === 'emulated') out.push({ key: 'quiz.why.emulated', params: { vm } });
  else if (o.path === 'sriov') out.push({ key: 'quiz.why.sriov', params: { vm } });
  else if (adapter !== 'sriov') out.push({ key: 'quiz.why.synthetic', params: { vm } });
  else if (!q.config.sriov) out.push({ key: 'quiz.why.sriovHostOff', params: { vm } });
  else if (q.config.nic.vfCount === 0) out.push({ key: 'quiz.why.noVf', params: { vm } });
  else if (q.config.faults.some((f) => f.kind === 'vf-remove' && f.vm === vm)) out.push({ key: 'quiz.why.vfRemoved', params: { vm } });
  else out.push({ key: 'quiz.why.vfBusy', params: { vm, vfs: q.config.nic.vfCount } });
  if (q.kind === 'exits') out.push({ key: `quiz.why.exits.${o.path}`, params: { vm, count: o.vmExits } });
  if (q.kind === 'partition') out.push({ key: `quiz.why.partition.${expectedChoice(q, o) ?? 'none'}`, params: { vm } });
  if (q.kind === 'lp' && o.rootIrqLp !== null) out.push({ key: 'quiz.why.lp', params: { vm, lp: o.rootIrqLp } });
  if (q.kind === 'rootCpu') out.push({ key: o.rootCycles > 0 ? 'quiz.why.rootCpu.some' : 'quiz.why.rootCpu.none', params: { vm, ns: Math.round(o.rootCycles / 3) } });
  if (q.kind === 'vmbusPackets') out.push({ key: o.frames > 1 ? 'quiz.why.vmbusPackets.one' : 'quiz.why.vmbusPackets.perFrame', params: { vm, frames: o.frames > 1 ? o.frames : LARGE_SEND_FRAMES } });
  return out;
}

/** A quiz: `count` questions of seed `seed`, rotating through the kinds. */
export function generateQuiz(seed: number, count = 5, opts: Omit<GenerateOptions, 'kind'> = {}): Question[] {
  return Array.from({ length: count }, (_, i) => generateQuestion(seed, i, opts));
}
