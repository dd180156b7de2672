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
 * Tokens are joined by `+`: `lso=1+queues=4`. Parsing checks the result with the engine's own
 * schema (`vmNicSettingsSchema`), so what the text can say is exactly what a scenario file can.
 * Pure: no engine state, no DOM.
 */
import { vmNicSettingsSchema } from '../engine/config';
import type { PortAclRule, Protocol, VmNicSettings } from '../engine/types';

const DIRS = { in: 'inbound', out: 'outbound', both: 'both' } as const;
const DIR_TOKEN = { inbound: 'in', outbound: 'out', both: 'both' } as const;
const PROTOCOLS: readonly Protocol[] = ['udp', 'tcp', 'icmp'];

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

const int = (v: string) => (/^\d{1,6}$/.test(v) ? Number(v) : NaN);

function parseBit(v: string): boolean | undefined {
  return v === '1' ? true : v === '0' ? false : undefined;
}

function parseRule(text: string): PortAclRule | null {
  const [d, action, ...rest] = text.split('.');
  if (!d || !(d in DIRS) || (action !== 'allow' && action !== 'deny')) return null;
  const rule: PortAclRule = { direction: DIRS[d as keyof typeof DIRS], action };
  for (const part of rest) {
    if ((PROTOCOLS as readonly string[]).includes(part) && rule.protocol === undefined && rule.remotePort === undefined) rule.protocol = part as Protocol;
    else if (/^\d+$/.test(part) && rule.remotePort === undefined) rule.remotePort = Number(part);
    else return null;
  }
  return rule;
}

export type NicSettingsParse = { ok: true; settings: VmNicSettings } | { ok: false; problem: string };

/** Text → settings; never throws. `problem` names the token that is wrong. */
export function parseNicSettings(text: string): NicSettingsParse {
  const s: Record<string, unknown> = {};
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  for (const tok of text.split('+')) {
    const eq = tok.indexOf('=');
    const key = eq < 0 ? tok : tok.slice(0, eq);
    const v = eq < 0 ? '' : tok.slice(eq + 1);
    const bad = { ok: false as const, problem: tok };
    switch (key) {
      case 'vrss':
      case 'vmmq':
      case 'lso':
      case 'rsc':
      case 'csum': {
        const b = parseBit(v);
        if (b === undefined) return bad;
        s[key === 'csum' ? 'checksum' : key] = b;
        break;
      }
      case 'queues':
      case 'mtu':
      case 'limit':
        s[key === 'limit' ? 'maxMbps' : key] = int(v);
        break;
      case 'vlan': {
        const [mode, ...ids] = v.split('.');
        if (mode === 'access' && ids.length === 0) s.vlanMode = 'access';
        else if (mode === 'trunk' && ids.length > 0) {
          s.vlanMode = 'trunk';
          s.trunkVlans = ids.map(int);
        } else return bad;
        break;
      }
      case 'acl': {
        const rules = v === '' ? [] : v.split('/').map(parseRule);
        if (rules.some((r) => r === null)) return bad;
        s.acl = rules;
        break;
      }
      case 'mirror':
        s.mirror = v;
        break;
      default:
        return bad;
    }
  }
  const r = vmNicSettingsSchema.safeParse(s);
  if (!r.success) {
    const field = r.error.issues[0]?.path[0];
    return { ok: false, problem: typeof field === 'string' ? field : text };
  }
  return { ok: true, settings: r.data as VmNicSettings };
}
