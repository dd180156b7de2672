/**
 * Parsing a link's change list (`ch=`, the token table in changeList.ts) against the VM list as it
 * evolves. Apart from changeList.ts (formatting) because port settings are checked with the
 * engine's zod schema (nicSettingsParse.ts), which only a page with outside input loads.
 */
import { ADAPTER_KINDS, type AdapterKind, type ConfigChange, type SimConfig, type VmId } from '../engine/types';
import { EXTENSION_ORDER } from '../engine/topology';
import type { TimedChange } from './engineHost';
import { parseNicSettings } from './nicSettingsParse';
import { parseFlowSpec, presetFlows, specsToFlows, TRAFFIC_PRESETS, type TrafficPreset } from './traffic';
import { FAULT_KINDS, MAX_LINK_CHANGES, maxNum, nextVmIds, type FaultKind } from './changeList';

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
