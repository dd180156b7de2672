/**
 * The vSwitch port-policy options (issue 11) as one line of text each, shared by the address bar
 * (`vlan=`, `acl=`, `limit-mbps=`, `mirror=`; url.ts) and the command line (`--vlan`, `--acl`,
 * `--limit-mbps`, `--mirror`; src/cli):
 *
 * | option       | one VM's entry                                                 | example                 |
 * | ------------ | -------------------------------------------------------------- | ----------------------- |
 * | `vlan`       | `access` or `access:ID` (the VM's VLAN, 1–4094), `trunk:ID.ID…` (allowed VLANs) | `access:10`, `trunk:10.20` |
 * | `acl`        | rules joined by `/`, rule = `in|out|both.allow|deny[.udp|tcp|icmp][.port]` (the link token syntax of nicSettings.ts); `none`: no rules | `in.deny.udp.53/out.allow` |
 * | `limit-mbps` | Mbit/s, 0 … 100000 (0: no limit, as `-MaximumBandwidth 0`)     | `500`                   |
 * | `mirror`     | `none`, `source`, `destination`                                | `source`                |
 *
 * One entry applies to every VM; a comma list gives vm1, vm2, … in order, and `-` leaves that
 * VM as the scenario has it (`mirror=source,-,destination`). A list longer than the VMs is an
 * error. Trunk mode keeps the VM's own VLAN (`VmConfig.vlan`) as the VLAN its guest tags with.
 * Pure: no engine state, no DOM.
 */
import { parseNicSettings } from './nicSettings';
import type { PortAclRule, VmConfig } from '../engine/types';

export const PORT_POLICY_OPTIONS = ['vlan', 'acl', 'limit-mbps', 'mirror'] as const;
export type PortPolicyOption = (typeof PORT_POLICY_OPTIONS)[number];

/** What each option accepts, for messages. */
export const PORT_POLICY_EXPECTED: Record<PortPolicyOption, string> = {
  vlan: 'access[:ID] or trunk:ID.ID… (IDs 1–4094), per VM comma list, - = unchanged',
  acl: 'rules joined by /, rule = in|out|both.allow|deny[.udp|tcp|icmp][.port], or none; per VM comma list',
  'limit-mbps': '0–100000 (0: no limit), per VM comma list',
  mirror: 'none | source | destination, per VM comma list',
};

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

/** Per-VM port-policy option values (raw text as given, already checked by parsePortPolicyOption). */
export type PortPolicyValues = Partial<Record<PortPolicyOption, string>>;

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

/** How many entries an option lists (to check against the VM count). */
export function entryCount(raw: string): number {
  return raw.split(',').length;
}

// --- Formatting (config → option text) -------------------------------------------------------

function vlanText(v: VmConfig): string {
  if (v.nic?.vlanMode === 'trunk') return `trunk:${(v.nic.trunkVlans ?? []).join('.')}`;
  return v.vlan !== undefined ? `access:${v.vlan}` : 'access';
}

function aclText(v: VmConfig): string {
  const rules = v.nic?.acl ?? [];
  if (rules.length === 0) return 'none';
  const dir = { inbound: 'in', outbound: 'out', both: 'both' } as const;
  return rules.map((r) => [dir[r.direction], r.action, ...(r.protocol ? [r.protocol] : []), ...(r.remotePort !== undefined ? [String(r.remotePort)] : [])].join('.')).join('/');
}

const TEXT: Record<PortPolicyOption, (v: VmConfig) => string> = {
  vlan: vlanText,
  acl: aclText,
  'limit-mbps': (v) => String(v.nic?.maxMbps ?? 0),
  mirror: (v) => v.nic?.mirror ?? 'none',
};

/**
 * The option values that turn `base`'s VMs into `vms` (same ids, in order): only options whose
 * text differs, one entry when every VM has the same text.
 */
export function portPolicyValuesOf(vms: readonly VmConfig[], base: readonly VmConfig[]): PortPolicyValues {
  const out: PortPolicyValues = {};
  for (const option of PORT_POLICY_OPTIONS) {
    const now = vms.map(TEXT[option]);
    const was = vms.map((v, i) => (base[i] ? TEXT[option](base[i] as VmConfig) : TEXT[option]({ id: v.id, adapter: v.adapter, vcpus: v.vcpus })));
    if (now.every((t, i) => t === was[i])) continue;
    out[option] = now.every((t) => t === now[0]) ? (now[0] as string) : now.join(',');
  }
  return out;
}
