/**
 * Configuration: defaults and small merge helpers. Validation (zod) is in configSchema.ts, apart,
 * so that a page that reads no configuration from outside (a fresh page) does not load zod before
 * its first paint (issue 12's budget, scripts/bundle-budget.mjs).
 */
import type { SimConfig, VmId } from './types';

/** Physical link speeds the model knows (cost H10 / W1). */
export const LINK_SPEEDS_GBPS = [0.1, 1, 10, 25, 40, 100] as const;
export const MAX_VMS = 64;
/** Upper bound on a flow's rate; beyond physical rates on purpose (load generator). */
export const MAX_RATE_PPS = 1e9;

export interface ConfigError {
  /** Where the problem is, e.g. `vms[2].adapter`. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; config: SimConfig } | { ok: false; errors: ConfigError[] };

/** `['vms', 2, 'adapter']` → `vms[2].adapter`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * The configuration a fresh page shows: the three data paths side by side, so both switches have
 * a visible effect on first touch. vm1 sends on the emulated Intel 21140 NIC (512 B frames, well
 * under its 100 Mb/s), vm2 receives on the synthetic path (VMQ queue 1; VMQ off moves it to the
 * default queue on LP 0), vm3 receives on an SR-IOV VF (SR-IOV off sends it back to synthetic).
 */
export function defaultConfig(): SimConfig {
  return {
    vms: [
      { id: 'vm1', adapter: 'emulated', vcpus: 2 },
      { id: 'vm2', adapter: 'synthetic', vcpus: 2 },
      { id: 'vm3', adapter: 'sriov', vcpus: 2 },
    ],
    vmq: true,
    sriov: true,
    nic: { vmqQueues: 8, vfCount: 8, linkGbps: 10 },
    logicalProcessors: 8,
    flows: [
      { id: 'f1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 512, ratePps: 20_000 },
      { id: 'f2', direction: 'external-to-vm', vm: 'vm2', protocol: 'udp', packetBytes: 1500, ratePps: 50_000 },
      { id: 'f3', direction: 'external-to-vm', vm: 'vm3', protocol: 'udp', packetBytes: 1500, ratePps: 50_000 },
    ],
    extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false },
    faults: [],
  };
}

/** Deep copy of a configuration (plain JSON data). */
export function cloneConfig(c: SimConfig): SimConfig {
  return JSON.parse(JSON.stringify(c)) as SimConfig;
}

/** `count` VMs `vm1…vmN` with the given adapter(s) (a list is cycled). */
export function makeVms(count: number, adapters: SimConfig['vms'][number]['adapter'] | SimConfig['vms'][number]['adapter'][], vcpus = 2): SimConfig['vms'] {
  const list = Array.isArray(adapters) ? adapters : [adapters];
  return Array.from({ length: count }, (_, i) => ({ id: `vm${i + 1}` as VmId, adapter: list[i % list.length] ?? 'synthetic', vcpus }));
}

/** Shallow-merge a partial configuration over a base (nested `nic` and `extensions` merged too). */
export function mergeConfig(base: SimConfig, patch: Partial<SimConfig>): SimConfig {
  const c = cloneConfig(base);
  const p = JSON.parse(JSON.stringify(patch)) as Partial<SimConfig>;
  return {
    ...c,
    ...p,
    nic: { ...c.nic, ...(p.nic ?? {}) },
    extensions: { ...c.extensions, ...(p.extensions ?? {}) },
  };
}
