/**
 * The configuration a link asks for (the parameters of url.ts, parsed by urlParse.ts), checked by
 * the engine's validation. Apart from urlConfig.ts (writing links) because that validation and
 * the port-policy parser bring zod, which only a page with outside input loads.
 */
import type { AdapterKind, FlowConfig, SimConfig } from '../engine/types';
import { applyPortPolicy } from './portPolicyParse';
import { presetFlows, specsToFlows } from './traffic';
import { expandAdapters, type UrlIssue, type UrlState } from './url';
import { applyOffloadParams, baseConfig, carryFlows, resizeVms, withExtensions, type EngineParseApi } from './urlConfig';

/** The configuration a URL asks for, plus issues for values the engine's validation rejected. */
export function configFromUrlState(s: UrlState, api: EngineParseApi): { config: SimConfig; issues: UrlIssue[] } {
  const issues: UrlIssue[] = [];
  const base = baseConfig(s, api);
  const n = s.vms ?? (s.adapters && s.adapters.length > 1 ? s.adapters.length : base.vms.length);
  const vms = resizeVms(base.vms, n);
  if (s.adapters) {
    const adapters = expandAdapters(s.adapters, n);
    vms.forEach((v, i) => (v.adapter = adapters[i] as AdapterKind));
  }
  if (s.queues) {
    // Issue 11: one value for every VM, or one per VM (a short list pads with its last).
    const qs = s.queues;
    vms.forEach((v, i) => (v.nic = { ...v.nic, queues: qs[Math.min(i, qs.length - 1)] as number }));
  }
  applyOffloadParams(s, vms);
  const ids = vms.map((v) => v.id);
  const alive = new Set(ids);
  let flows: FlowConfig[];
  if (s.flows) flows = specsToFlows(s.flows);
  else if (s.traffic) flows = presetFlows(s.traffic, ids);
  else flows = carryFlows(base, ids);

  const config: SimConfig = {
    ...base,
    vms: s.portPolicy ? applyPortPolicy(vms, s.portPolicy) : vms,
    vmq: s.vmq ?? base.vmq,
    sriov: s.sriov ?? base.sriov,
    ...(s.vrss != null ? { vrss: s.vrss } : {}),
    ...(s.vmmq != null ? { vmmq: s.vmmq } : {}),
    nic: { ...base.nic },
    flows,
    extensions: s.ext ? withExtensions(base, s.ext) : base.extensions,
    faults: base.faults.filter((f) => !f.vm || alive.has(f.vm)).map((f) => ({ ...f })),
  };
  const r = api.parseConfig(config);
  if (r.ok) return { config: r.config, issues };
  for (const e of r.errors) issues.push({ param: 'config', value: e.path, reason: 'malformed', expected: e.message });
  return { config: base, issues };
}
