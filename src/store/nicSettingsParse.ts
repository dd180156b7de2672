/**
 * Text → a vNIC's port settings (the token table in nicSettings.ts), checked with the engine's own
 * schema. Apart from nicSettings.ts (formatting) because that schema brings zod, which only a page
 * with outside input loads (see urlParse.ts).
 */
import { vmNicSettingsSchema } from '../engine/configSchema';
import type { PortAclRule, Protocol, VmNicSettings } from '../engine/types';
import { DIRS, PROTOCOLS } from './nicSettings';

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
