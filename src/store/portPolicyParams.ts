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
 * Pure: no engine state, no DOM. Parsing and applying the options is in portPolicyParse.ts (it checks
 * ACL rules with the engine's zod schema, which a fresh page does not load before its first paint).
 */
import type { VmConfig } from '../engine/types';

export const PORT_POLICY_OPTIONS = ['vlan', 'acl', 'limit-mbps', 'mirror'] as const;
export type PortPolicyOption = (typeof PORT_POLICY_OPTIONS)[number];

/** What each option accepts, for messages. */
export const PORT_POLICY_EXPECTED: Record<PortPolicyOption, string> = {
  vlan: 'access[:ID] or trunk:ID.ID… (IDs 1–4094), per VM comma list, - = unchanged',
  acl: 'rules joined by /, rule = in|out|both.allow|deny[.udp|tcp|icmp][.port], or none; per VM comma list',
  'limit-mbps': '0–100000 (0: no limit), per VM comma list',
  mirror: 'none | source | destination, per VM comma list',
};

/** Per-VM port-policy option values (raw text as given, already checked by parsePortPolicyOption). */
export type PortPolicyValues = Partial<Record<PortPolicyOption, string>>;

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
