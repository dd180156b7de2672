/**
 * A vNIC's port settings (`VmNicSettings`: vRSS/VMMQ, offloads, port policy) as one short text,
 * for the address bar (`ch=…:nic:vm2:<text>`) and anywhere else a line of text must carry them:
 *
 * | field        | token              | example                         |
 * | ------------ | ------------------ | ------------------------------- |
 * | `vrss`       | `vrss=1`, `vrss=0` |                                 |
 * | `vmmq`       | `vmmq=1`           |                                 |
 * | `queues`     | `queues=N` (1–16)  | `queues=4`                      |
 * | `lso`        | `lso=1`            |                                 |
 * | `rsc`        | `rsc=1`            |                                 |
 * | `checksum`   | `csum=1`           |                                 |
 * | `mtu`        | `mtu=N` (576–9000) | `mtu=9000`                      |
 * | VLAN mode    | `vlan=access`, `vlan=trunk.10.20` (allowed ids after `trunk`) |  |
 * | `acl`        | `acl=<rule>/<rule>`, rule = `in|out|both.allow|deny[.udp|tcp|icmp][.port]` | `acl=in.deny.udp.53` |
 * | `maxMbps`    | `limit=N` (Mbit/s) | `limit=500`                     |
 * | `mirror`     | `mirror=none|source|destination` |                   |
 *
 * Tokens are joined by `+`: `lso=1+queues=4`. Parsing (nicSettingsParse.ts) checks the result with
 * the engine's own schema (`vmNicSettingsSchema`), so what the text can say is exactly what a
 * scenario file can. Pure: no engine state, no DOM.
 */
import type { PortAclRule, Protocol, VmNicSettings } from '../engine/types';

export const DIRS = { in: 'inbound', out: 'outbound', both: 'both' } as const;
const DIR_TOKEN = { inbound: 'in', outbound: 'out', both: 'both' } as const;
export const PROTOCOLS: readonly Protocol[] = ['udp', 'tcp', 'icmp'];

const bit = (b: boolean) => (b ? '1' : '0');

function formatRule(r: PortAclRule): string {
  return [DIR_TOKEN[r.direction], r.action, ...(r.protocol ? [r.protocol] : []), ...(r.remotePort !== undefined ? [String(r.remotePort)] : [])].join('.');
}

/** Settings → text (fields in a fixed order, so equal settings give equal text); '' when empty. */
export function formatNicSettings(s: VmNicSettings): string {
  const out: string[] = [];
  if (s.vrss !== undefined) out.push(`vrss=${bit(s.vrss)}`);
  if (s.vmmq !== undefined) out.push(`vmmq=${bit(s.vmmq)}`);
  if (s.queues !== undefined) out.push(`queues=${s.queues}`);
  if (s.lso !== undefined) out.push(`lso=${bit(s.lso)}`);
  if (s.rsc !== undefined) out.push(`rsc=${bit(s.rsc)}`);
  if (s.checksum !== undefined) out.push(`csum=${bit(s.checksum)}`);
  if (s.mtu !== undefined) out.push(`mtu=${s.mtu}`);
  if (s.vlanMode !== undefined) out.push(`vlan=${s.vlanMode === 'trunk' ? ['trunk', ...(s.trunkVlans ?? [])].join('.') : 'access'}`);
  if (s.acl !== undefined) out.push(`acl=${s.acl.map(formatRule).join('/')}`);
  if (s.maxMbps !== undefined) out.push(`limit=${s.maxMbps}`);
  if (s.mirror !== undefined) out.push(`mirror=${s.mirror}`);
  return out.join('+');
}
