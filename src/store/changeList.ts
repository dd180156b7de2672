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
 * changes before it are kept (changeListParse.ts: it checks port settings with the engine's zod
 * schema, which a fresh page does not load before its first paint). Pure: no engine, no DOM.
 */
import type { ConfigChange, FlowConfig, SimConfig, VmId } from '../engine/types';
import { EXTENSION_ORDER } from '../engine/topology';
import type { TimedChange } from './engineHost';
import { formatNicSettings } from './nicSettings';
import { flowToSpec, formatFlowSpec, presetFlows, TRAFFIC_PRESETS } from './traffic';

/** At most this many changes in a link (a file carries any number). */
export const MAX_LINK_CHANGES = 200;

export const FAULT_KINDS = ['vf-remove', 'vf-add', 'link-down', 'link-up', 'ring-exhaust'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * VM ids alive after each change, to check what a later change names. A new VM takes the number
 * after the highest ever used (the engine never reuses a removed VM's id), hence `ever`.
 */
export function nextVmIds(ids: VmId[], c: ConfigChange, ever: { max: number }): VmId[] {
  if (c.kind === 'add-vm') {
    ever.max += 1;
    return [...ids, `vm${ever.max}` as VmId];
  }
  if (c.kind === 'remove-vm') return ids.filter((v) => v !== c.vm);
  return ids;
}

export const maxNum = (ids: readonly VmId[]) => ({ max: Math.max(0, ...ids.map((v) => Number(v.slice(2)))) });

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
