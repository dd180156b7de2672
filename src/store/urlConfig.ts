/**
 * Between the address bar's {@link UrlState} and an engine {@link SimConfig}, both ways.
 *
 * The engine's configuration functions are passed in (not imported) so this stays testable with a
 * stand-in and so the rules are in one place: a named scenario (or the default configuration) is
 * the base, and each parameter present in the URL overrides one aspect of it.
 *
 * Round trip: `configFromUrlState(urlStateFromConfig(c, …)) ≡ c` for every configuration reachable
 * through the UI (VM count, adapters, switches, flows, extensions). The changes made while running
 * travel separately, in `ch` (see changeList.ts and urlSync.ts's `exactUrlState`).
 */
import type { FlowConfig, SimConfig, VmConfig, VmId, VmNicSettings } from '../engine/types';
import { enabledExtensions, type ExtensionName } from '../engine/topology';
import { flowToSpec, matchPreset, presetFlows, type FlowSpec } from './traffic';
import { portPolicyValuesOf } from './portPolicyParams';
import { compactAdapters, OFFLOAD_PARAMS, type OffloadParam, type UrlState } from './url';

/** A vNIC's queues when unset (engine model/vrss.ts VRSS_DEFAULT_QUEUES, facts §2.4: netvsc's default 8). */
const VRSS_DEFAULT_QUEUES = 8;

export interface EngineConfigApi {
  defaultConfig(): SimConfig;
  scenarioConfig(name: string, opts: { vms?: number; packets?: number }): SimConfig;
}

/** With the engine's validation (engine/configSchema.ts, zod): what reading a link needs. */
export interface EngineParseApi extends EngineConfigApi {
  parseConfig(input: unknown): { ok: true; config: SimConfig } | { ok: false; errors: { path: string; message: string }[] };
}

const vmId = (i: number) => `vm${i + 1}` as VmId;

export function resizeVms(vms: readonly VmConfig[], n: number): VmConfig[] {
  const tmpl = vms[vms.length - 1];
  return Array.from({ length: n }, (_, i) => {
    const v = vms[i];
    return v ? { ...v } : { id: vmId(i), adapter: tmpl?.adapter ?? 'synthetic', vcpus: tmpl?.vcpus ?? 2 };
  });
}

export function baseConfig(s: Pick<UrlState, 'scenario' | 'vms' | 'packets'>, api: EngineConfigApi): SimConfig {
  if (s.scenario) {
    const opts: { vms?: number; packets?: number } = {};
    if (s.vms !== null) opts.vms = s.vms;
    if (s.packets !== null) opts.packets = s.packets;
    return api.scenarioConfig(s.scenario, opts);
  }
  return api.defaultConfig();
}

/** Flows of `base` carried over to `ids`: a preset is regenerated, anything else is kept per VM. */
export function carryFlows(base: SimConfig, ids: VmId[]): FlowConfig[] {
  const baseIds = base.vms.map((v) => v.id);
  if (baseIds.length === ids.length) return base.flows.map((f) => ({ ...f }));
  const preset = matchPreset(base.flows.map(flowToSpec), baseIds);
  if (preset) return presetFlows(preset, ids);
  const alive = new Set(ids);
  const kept = base.flows.filter((f) => alive.has(f.vm) && (!f.peerVm || alive.has(f.peerVm))).map((f) => ({ ...f }));
  // New VMs get the first VM's one-VM flows (to or from the external network), so `vms=4` on a
  // configuration with traffic gives every VM traffic.
  const first = baseIds[0];
  const pattern = base.flows.filter((f) => f.vm === first && f.direction !== 'vm-to-vm');
  for (const id of ids.slice(baseIds.length)) {
    for (const f of pattern) kept.push({ ...f, id: `${f.id}-${id}`, vm: id });
  }
  return kept;
}

export function withExtensions(config: SimConfig, on: readonly ExtensionName[]): SimConfig['extensions'] {
  return {
    capture: on.includes('capture'),
    filter: { enabled: on.includes('filter'), dropRules: config.extensions.filter.dropRules.map((r) => ({ ...r })) },
    forwarding: on.includes('forwarding'),
  };
}

/**
 * The configuration a link with only `scenario`, `packets` and `vms` gives: the scenario's (or the
 * default) resized to that many VMs, its traffic carried over. What {@link urlStateFromConfig}
 * compares a configuration against to keep links short. No validation (a scenario's own
 * configuration is valid); urlConfigParse.ts's `configFromUrlState` builds on it for a whole link.
 */
export function expectedConfig(s: Pick<UrlState, 'scenario' | 'vms' | 'packets'>, api: EngineConfigApi): SimConfig {
  const base = baseConfig(s, api);
  const vms = resizeVms(base.vms, s.vms ?? base.vms.length);
  const ids = vms.map((v) => v.id);
  const alive = new Set(ids);
  return {
    ...base,
    vms,
    nic: { ...base.nic },
    flows: carryFlows(base, ids),
    faults: base.faults.filter((f) => !f.vm || alive.has(f.vm)).map((f) => ({ ...f })),
  };
}

// Offloads per vNIC (issue 11; url.ts `lso`, `rsc`, `csum`, `mtu`) ↔ VmConfig.nic.
const OFFLOAD_FIELD = { lso: 'lso', rsc: 'rsc', csum: 'checksum', mtu: 'mtu' } as const satisfies Record<OffloadParam, keyof VmNicSettings>;

/** One value applies to every VM; a shorter list pads with its last value (like `adapter`). */
export function applyOffloadParams(s: UrlState, vms: VmConfig[]): void {
  for (const p of OFFLOAD_PARAMS) {
    const v = s[p];
    if (!v || v.length === 0) continue;
    vms.forEach((vm, i) => (vm.nic = { ...vm.nic, [OFFLOAD_FIELD[p]]: v[Math.min(i, v.length - 1)] }));
  }
}

/** The offload parameters that reopen `config`: those whose per-VM values differ from `expected`'s. */
function offloadParams(config: SimConfig, expected: SimConfig): Partial<Pick<UrlState, OffloadParam>> {
  const out: Partial<Record<OffloadParam, (boolean | number)[]>> = {};
  const DEFAULT = { lso: false, rsc: false, csum: true, mtu: 1500 } as const;
  for (const p of OFFLOAD_PARAMS) {
    const f = OFFLOAD_FIELD[p];
    const now = config.vms.map((v) => v.nic?.[f] as boolean | number | undefined);
    const was = config.vms.map((_v, i) => expected.vms[i]?.nic?.[f] as boolean | number | undefined);
    if (now.every((x, i) => x === was[i])) continue;
    const vals = now.map((x) => x ?? DEFAULT[p]);
    out[p] = vals.every((x) => x === vals[0]) ? [vals[0] as boolean | number] : vals;
  }
  return out as Partial<Pick<UrlState, OffloadParam>>;
}

export interface PositionState {
  scenario: { name: string; packets: number | null } | null;
  seed: number;
  speed: number;
  timeNs: number | null;
  playing: boolean | null;
  lang: 'en' | 'ja' | null;
}

const sameSpecs = (a: readonly FlowSpec[], b: readonly FlowSpec[]) =>
  a.length === b.length && a.every((f, i) => JSON.stringify(f) === JSON.stringify(b[i]));

/**
 * The URL state that reopens `config` at a position. VM count, adapters and both switches are
 * always written (short, and a trainer reads them in the link); traffic and extensions only when
 * they differ from what the scenario or default would give, so stress links stay short.
 */
export function urlStateFromConfig(config: SimConfig, pos: PositionState, api: EngineConfigApi): UrlState {
  const vmsCount = config.vms.length;
  const scenario = pos.scenario?.name ?? null;
  const packets = scenario === 'stress' ? (pos.scenario?.packets ?? null) : null;
  const ids = config.vms.map((v) => v.id);
  const expected = expectedConfig({ scenario, packets, vms: vmsCount }, api);
  const specs = config.flows.map(flowToSpec);
  const ext = enabledExtensions(config);
  let traffic: UrlState['traffic'] = null;
  let flows: UrlState['flows'] = null;
  if (!sameSpecs(specs, expected.flows.map(flowToSpec))) {
    traffic = matchPreset(specs, ids);
    if (!traffic) flows = specs;
  }
  const sameExt = JSON.stringify(ext) === JSON.stringify(enabledExtensions(expected));
  // Issue 11: vRSS/VMMQ switches and queues only when they differ from the scenario's (short links).
  const vrss = (config.vrss ?? false) !== (expected.vrss ?? false) ? (config.vrss ?? false) : null;
  const vmmq = (config.vmmq ?? false) !== (expected.vmmq ?? false) ? (config.vmmq ?? false) : null;
  const qOf = (c: SimConfig) => c.vms.map((v) => v.nic?.queues ?? VRSS_DEFAULT_QUEUES);
  const qs = qOf(config);
  const queues = JSON.stringify(qs) !== JSON.stringify(qOf(expected)) ? (qs.every((q) => q === qs[0]) ? qs.slice(0, 1) : qs) : null;
  const portPolicy = portPolicyValuesOf(config.vms, expected.vms);
  return {
    ...(Object.keys(portPolicy).length ? { portPolicy } : {}),
    scenario,
    packets,
    vms: vmsCount,
    adapters: compactAdapters(config.vms.map((v) => v.adapter)),
    vmq: config.vmq,
    sriov: config.sriov,
    traffic,
    flows,
    ext: sameExt ? null : ext,
    seed: pos.seed,
    speed: pos.speed,
    t: pos.timeNs,
    ch: null,
    sel: null,
    focus: null,
    play: pos.playing,
    lang: pos.lang,
    vrss,
    vmmq,
    queues,
    ...offloadParams(config, expected),
  };
}
