/**
 * Parsing the vSwitch port-policy options (the table in portPolicyParams.ts) and applying them to
 * VMs. Apart from portPolicyParams.ts because an ACL rule is checked with the engine's own schema
 * (nicSettingsParse.ts, zod), which only a page with outside input loads (see urlParse.ts).
 */
import { parseNicSettings } from './nicSettingsParse';
import type { PortAclRule, VmConfig } from '../engine/types';
import { PORT_POLICY_OPTIONS, type PortPolicyOption, type PortPolicyValues } from './portPolicyParams';

type Vlan = { mode: 'access'; id: number | null } | { mode: 'trunk'; ids: number[] };
type Mirror = 'none' | 'source' | 'destination';

export type EntryParse<T> = { ok: true; value: (T | null)[] } | { ok: false; entry: string; index: number };

const vlanId = (s: string): number | null => (/^\d{1,4}$/.test(s) && Number(s) >= 1 && Number(s) <= 4094 ? Number(s) : null);

function parseVlan(e: string): Vlan | undefined {
  if (e === 'access') return { mode: 'access', id: null };
  const m = /^(access|trunk):(.+)$/.exec(e);
  if (!m) return undefined;
  const ids = (m[2] as string).split('.').map(vlanId);
  if (ids.some((x) => x === null)) return undefined;
  if (m[1] === 'access') return ids.length === 1 ? { mode: 'access', id: ids[0] as number } : undefined;
  return ids.length <= 64 ? { mode: 'trunk', ids: ids as number[] } : undefined;
}

function parseAcl(e: string): PortAclRule[] | undefined {
  if (e === 'none') return [];
  const r = parseNicSettings(`acl=${e}`);
  return r.ok ? (r.settings.acl ?? []) : undefined;
}

function parseLimit(e: string): number | undefined {
  return /^\d{1,6}$/.test(e) && Number(e) <= 100_000 ? Number(e) : undefined;
}

function parseMirror(e: string): Mirror | undefined {
  return e === 'none' || e === 'source' || e === 'destination' ? e : undefined;
}

const PARSERS = { vlan: parseVlan, acl: parseAcl, 'limit-mbps': parseLimit, mirror: parseMirror } as const;

/** Parse one option's value into per-VM entries (null = unchanged). */
export function parsePortPolicyOption(option: PortPolicyOption, raw: string): EntryParse<unknown> {
  const parts = raw.split(',').map((s) => s.trim().toLowerCase());
  const out: unknown[] = [];
  for (const [index, entry] of parts.entries()) {
    if (entry === '-') {
      out.push(null);
      continue;
    }
    const v = (PARSERS[option] as (e: string) => unknown)(entry);
    if (v === undefined) return { ok: false, entry, index };
    out.push(v);
  }
  if (out.length > 64 || out.length === 0) return { ok: false, entry: raw, index: 0 };
  return { ok: true, value: out };
}

/** Apply the options to `vms` (new objects). Entries beyond the VMs are ignored (callers report them). */
export function applyPortPolicy(vms: readonly VmConfig[], values: PortPolicyValues): VmConfig[] {
  const out = vms.map((v) => ({ ...v, ...(v.nic ? { nic: { ...v.nic } } : {}) }));
  for (const option of PORT_POLICY_OPTIONS) {
    const raw = values[option];
    if (raw === undefined) continue;
    const r = parsePortPolicyOption(option, raw);
    if (!r.ok) continue;
    out.forEach((v, i) => {
      const e = r.value.length === 1 ? r.value[0] : r.value[i];
      if (e === null || e === undefined) return;
      const nic = { ...v.nic };
      if (option === 'vlan') {
        const x = e as Vlan;
        if (x.mode === 'access') {
          nic.vlanMode = 'access';
          delete nic.trunkVlans;
          if (x.id !== null) v.vlan = x.id;
        } else {
          nic.vlanMode = 'trunk';
          nic.trunkVlans = [...x.ids];
        }
      } else if (option === 'acl') nic.acl = e as PortAclRule[];
      else if (option === 'limit-mbps') nic.maxMbps = e as number;
      else nic.mirror = e as Mirror;
      v.nic = nic;
    });
  }
  return out;
}
