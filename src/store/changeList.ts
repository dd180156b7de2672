/**
 * The changes made while a simulation ran, in the address bar: `ch=<t>:<change>,<t>:<change>…`,
 * where `t` is the simulated time in ns at which the change was applied. A reopened link runs the
 * configuration from t = 0, applies each change at its time and stops at `t`: the same events, so
 * the same counters, routes and notes (the engine is deterministic).
 *
 * | change              | token                                          |
 * | ------------------- | ---------------------------------------------- |
 * | VMQ on / off        | `vmq:1`, `vmq:0`                               |
 * | SR-IOV on / off     | `sriov:1`, `sriov:0`                           |
 * | vRSS / VMMQ on, off | `vrss:1`, `vmmq:0`                             |
 * | a VM's port settings | `nic:vm2:lso=1+queues=4` (see nicSettings.ts) |
 * | a VM's adapter      | `ad:vm2:sriov`                                 |
 * | add / remove a VM   | `add:synthetic`, `rm:vm3`                      |
 * | traffic             | `f:udp-in` (a preset) or `f:vm1:ext:udp:1500:100k_ext:vm2:tcp:512:20k` (flows joined by `_`), `f:none` |
 * | vSwitch extensions  | `x:capture.filter`, `x:none`                   |
 * | a fault             | `fault:link-down`, `fault:vf-remove:vm2`, `fault:ring-exhaust:vm1:1000000` |
 *
 * Example: `ch=425130:sriov:0,512000:vmq:0`. Parsing validates every token, the order in time and
 * the VM ids against the VM list as it evolves; a bad token is reported (param `ch`) and the
 * changes before it are kept. Pure: no engine, no DOM.
 */
import { ADAPTER_KINDS, type AdapterKind, type ConfigChange, type FlowConfig, type SimConfig, type VmId } from '../engine/types';
import { EXTENSION_ORDER } from '../engine/topology';
import type { TimedChange } from './engineHost';
import { formatNicSettings, parseNicSettings } from './nicSettings';
import { flowToSpec, formatFlowSpec, parseFlowSpec, presetFlows, specsToFlows, TRAFFIC_PRESETS, type TrafficPreset } from './traffic';

/** At most this many changes in a link (a file carries any number). */
export const MAX_LINK_CHANGES = 200;

const FAULT_KINDS = ['vf-remove', 'vf-add', 'link-down', 'link-up', 'ring-exhaust'] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * VM ids alive after each change, to check what a later change names. A new VM takes the number
 * after the highest ever used (the engine never reuses a removed VM's id), hence `ever`.
 */
function nextVmIds(ids: VmId[], c: ConfigChange, ever: { max: number }): VmId[] {
  if (c.kind === 'add-vm') {
    ever.max += 1;
    return [...ids, `vm${ever.max}` as VmId];
  }
  if (c.kind === 'remove-vm') return ids.filter((v) => v !== c.vm);
  return ids;
}

const maxNum = (ids: readonly VmId[]) => ({ max: Math.max(0, ...ids.map((v) => Number(v.slice(2)))) });

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function formatFlows(flows: readonly FlowConfig[], ids: readonly VmId[]): string {
  if (flows.length === 0) return 'none';
  for (const p of TRAFFIC_PRESETS) if (sameJson(presetFlows(p, ids), flows)) return p;
  return flows.map((f) => formatFlowSpec(flowToSpec(f))).join('_');
}

/**
 * One change as a token, or null when the link cannot carry it exactly (drop rules, flows with
 * start/stop times): the caller then falls back to a link without changes and says so.
 */
export function formatChange(c: ConfigChange, ids: readonly VmId[]): string | null {
  switch (c.kind) {
    case 'set-vmq':
      return `vmq:${c.on ? 1 : 0}`;
    case 'set-sriov':
      return `sriov:${c.on ? 1 : 0}`;
    case 'set-vrss':
      return `vrss:${c.on ? 1 : 0}`;
    case 'set-vmmq':
      return `vmmq:${c.on ? 1 : 0}`;
    case 'set-vm-nic': {
      const text = formatNicSettings(c.settings);
      return text === '' ? null : `nic:${c.vm}:${text}`;
    }
    case 'set-adapter':
      return `ad:${c.vm}:${c.adapter}`;
    case 'add-vm':
      return `add:${c.adapter}`;
    case 'remove-vm':
      return `rm:${c.vm}`;
    case 'set-flows':
      if (c.flows.some((f) => f.startNs !== undefined || f.stopNs !== undefined)) return null;
      return `f:${formatFlows(c.flows, ids)}`;
    case 'set-extensions': {
      if (c.extensions.filter.dropRules.length > 0) return null;
      const on = EXTENSION_ORDER.filter((x) => (x === 'filter' ? c.extensions.filter.enabled : c.extensions[x]));
      return `x:${on.length ? on.join('.') : 'none'}`;
    }
    case 'fault': {
      const f = c.fault;
      return ['fault', f.kind, ...(f.vm ? [f.vm] : f.durationNs ? [''] : []), ...(f.durationNs ? [String(f.durationNs)] : [])].join(':');
    }
  }
}

/** `ch=` value for a run's changes from `config` (the configuration at t = 0), or null if one cannot be written. */
export function formatChangeList(config: SimConfig, changes: readonly TimedChange[]): string | null {
  let ids = config.vms.map((v) => v.id);
  const ever = maxNum(ids);
  const out: string[] = [];
  for (const { atNs, change } of changes) {
    const tok = formatChange(change, ids);
    if (tok === null) return null;
    out.push(`${Math.round(atNs)}:${tok}`);
    ids = nextVmIds(ids, change, ever);
  }
  return out.join(',');
}

export interface ChangeListIssue {
  /** The token that was refused, as written. */
  value: string;
  reason: 'malformed' | 'range' | 'mismatch';
  expected: string;
}

const VM_RE = /^vm[1-9]\d?$/;
const isAdapter = (s: string): s is AdapterKind => (ADAPTER_KINDS as readonly string[]).includes(s);
const isSwitch = (s: string | undefined) => s === '0' || s === '1';

function parseToken(parts: string[], ids: readonly VmId[]): ConfigChange | ChangeListIssue['reason'] {
  const [kind, a, b, c] = parts;
  const known = (vm: string | undefined): vm is VmId => vm !== undefined && VM_RE.test(vm) && ids.includes(vm as VmId);
  switch (kind) {
    case 'vmq':
    case 'sriov':
    case 'vrss':
    case 'vmmq':
      if (parts.length !== 2 || !isSwitch(a)) return 'malformed';
      return { kind: `set-${kind}`, on: a === '1' };
    case 'nic': {
      if (parts.length !== 3 || !b) return 'malformed';
      if (!known(a)) return 'mismatch';
      const r = parseNicSettings(b);
      return r.ok ? { kind: 'set-vm-nic', vm: a, settings: r.settings } : 'malformed';
    }
    case 'ad':
      if (parts.length !== 3 || !b || !isAdapter(b)) return 'malformed';
      if (!known(a)) return 'mismatch';
      return { kind: 'set-adapter', vm: a, adapter: b };
    case 'add':
      if (parts.length !== 2 || !a || !isAdapter(a)) return 'malformed';
      return ids.length >= 64 ? 'range' : { kind: 'add-vm', adapter: a };
    case 'rm':
      if (parts.length !== 2) return 'malformed';
      if (!known(a) || ids.length <= 1) return 'mismatch';
      return { kind: 'remove-vm', vm: a };
    case 'f': {
      const rest = parts.slice(1).join(':');
      if (rest === 'none') return { kind: 'set-flows', flows: [] };
      if ((TRAFFIC_PRESETS as readonly string[]).includes(rest)) return { kind: 'set-flows', flows: presetFlows(rest as TrafficPreset, ids) };
      const specs = [];
      for (const s of rest.split('_')) {
        const r = parseFlowSpec(s);
        if (!r.ok) return r.reason;
        if (!known(r.flow.vm) || (r.flow.peerVm !== undefined && !known(r.flow.peerVm))) return 'mismatch';
        specs.push(r.flow);
      }
      return specs.length > 64 ? 'range' : { kind: 'set-flows', flows: specsToFlows(specs) };
    }
    case 'x': {
      if (parts.length !== 2 || !a) return 'malformed';
      const on = a === 'none' ? [] : a.split('.');
      if (!on.every((x) => (EXTENSION_ORDER as readonly string[]).includes(x))) return 'malformed';
      return { kind: 'set-extensions', extensions: { capture: on.includes('capture'), filter: { enabled: on.includes('filter'), dropRules: [] }, forwarding: on.includes('forwarding') } };
    }
    case 'fault': {
      if (!a || !(FAULT_KINDS as readonly string[]).includes(a) || parts.length > 4) return 'malformed';
      const fk = a as FaultKind;
      const needsVm = fk === 'vf-remove' || fk === 'vf-add' || fk === 'ring-exhaust';
      if (needsVm && !known(b)) return b ? 'mismatch' : 'malformed';
      if (!needsVm && b) return 'malformed';
      let durationNs: number | undefined;
      if (c !== undefined) {
        if (!/^\d+$/.test(c) || Number(c) < 1 || Number(c) > 10_000_000_000) return 'range';
        durationNs = Number(c);
      }
      return { kind: 'fault', fault: { kind: fk, ...(needsVm ? { vm: b as VmId } : {}), ...(durationNs ? { durationNs } : {}) } };
    }
    default:
      return 'malformed';
  }
}

const EXPECTED = 'time:change, e.g. 425130:sriov:0';

/**
 * Parse `ch=` against the configuration at t = 0. Never throws: a bad token is reported and the
 * list stops there (later changes could depend on it), so what is kept is a prefix of the run.
 */
export function parseChangeList(raw: string, config: SimConfig, maxNs: number): { changes: TimedChange[]; issues: ChangeListIssue[] } {
  const changes: TimedChange[] = [];
  const issues: ChangeListIssue[] = [];
  let ids = config.vms.map((v) => v.id);
  const ever = maxNum(ids);
  let prevT = 0;
  const tokens = raw.split(',').filter((x) => x.trim() !== '');
  if (tokens.length > MAX_LINK_CHANGES) {
    issues.push({ value: `${tokens.length}`, reason: 'range', expected: `≤ ${MAX_LINK_CHANGES}` });
    tokens.length = MAX_LINK_CHANGES;
  }
  for (const tok of tokens) {
    const parts = tok.trim().split(':');
    const tRaw = parts.shift() ?? '';
    const shown = tok.length > 60 ? `${tok.slice(0, 57)}…` : tok;
    if (!/^\d+$/.test(tRaw)) {
      issues.push({ value: shown, reason: 'malformed', expected: EXPECTED });
      break;
    }
    const atNs = Number(tRaw);
    if (atNs < prevT || atNs > maxNs) {
      issues.push({ value: shown, reason: 'range', expected: `${prevT}–${maxNs} ns, in order` });
      break;
    }
    const r = parseToken(parts, ids);
    if (typeof r === 'string') {
      issues.push({ value: shown, reason: r, expected: EXPECTED });
      break;
    }
    changes.push({ atNs, change: r });
    ids = nextVmIds(ids, r, ever);
    prevT = atNs;
  }
  return { changes, issues };
}
