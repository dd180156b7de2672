/**
 * The simulation's configuration and position in the address bar.
 *
 * | param      | value                                                        | default                  |
 * | ---------- | ------------------------------------------------------------ | ------------------------ |
 * | `scenario` | a named scenario (`synthetic`, `vmq`, `stress`, …)           | none: the default config |
 * | `packets`  | packets to keep in flight, `stress` only (1 … 50000)         | the scenario's           |
 * | `vms`      | child partitions, 1 … 64                                     | scenario/default         |
 * | `adapter`  | `synthetic`, `emulated`, `sriov` (also `vf`), one for all VMs or a comma list per VM | synthetic |
 * | `vmq`      | switch: `1/0`, `on/off`, `true/false`, `yes/no`              | scenario/default         |
 * | `sriov`    | switch, as `vmq`                                             | scenario/default         |
 * | `vrss`     | switch, as `vmq`: host vRSS (subchannels, software spreading) | scenario/default (off)  |
 * | `vmmq`     | switch, as `vmq`: host VMMQ (several NIC queues per vNIC; needs VMQ) | scenario/default (off) |
 * | `queues`   | receive queues / channels per vNIC, 1 … 16, one for all VMs or a comma list per VM | 8, capped by the VM's vCPUs |
 * | `traffic`  | preset: `idle`, `udp-out`, `udp-in`, `vm-to-vm`, `tcp-rr`, `ping` | scenario/default    |
 * | `flows`    | comma list of `src:dst:protocol:bytes:rate`, src/dst = `vmN` or `ext`, rate in packets/s with optional `k`/`m` (`vm1:ext:udp:1500:100k`); wins over `traffic` | |
 * | `ext`      | vSwitch extensions on: comma list of `capture`, `filter`, `forwarding`, or `none` | scenario/default |
 * | `vlan`     | port VLAN per VM: `access`, `access:10`, `trunk:10.20` (one for all VMs or a comma list; `-` = unchanged) | access, no VLAN |
 * | `acl`      | port ACL per VM: rules joined by `/`, rule = `in|out|both.allow|deny[.udp|tcp|icmp][.port]` (`in.deny.udp.53/out.allow`), `none`; comma list per VM | no rules |
 * | `limit-mbps` | port bandwidth limit per VM, Mbit/s 0 … 100000 (0 = none); comma list per VM | none          |
 * | `mirror`   | port mirroring per VM: `none`, `source`, `destination`; comma list per VM | none           |
 * | `seed`     | PRNG seed, 0 … 4294967295                                    | 1                        |
 * | `speed`    | simulated time per wall second: `5000` (ns), `5us`, `0.2us`, `1ms` (0.2 µs … 1 ms) | 5us |
 * | `t`        | simulated time to open at, integer ns (0 … 10 s)             | the first data packet    |
 * | `ch`       | changes made while running, with their simulated times: `425130:sriov:0,512000:vmq:0` (see changeList.ts); the other parameters then describe t = 0 | none |
 * | `sel`      | the selection: a component id (`nic.queue.1`) or a packet (`p42`) | none                 |
 * | `focus`    | the diagram shows only the path of a packet (`p42`) or a VM (`vm2`) | none: the whole host |
 * | `play`     | switch: keep playing after opening                           | on (the page writes `play=1` or `play=0`) |
 * | `lang`     | `en` or `ja`                                                 | browser language         |
 * | `lso`, `rsc`, `csum` | offloads per vNIC (model/offloads.ts): switch values as `vmq`, one for all VMs or a comma list per VM (`lso=0,1`) | LSO, RSC off; checksum on |
 * | `mtu`      | the vNIC's MTU, 576 … 9000, one for all VMs or a comma list per VM | the guest's (1,500 or a jumbo flow's size) |
 *
 * A missing parameter is `null` in {@link UrlState}: the scenario or the default decides. A
 * malformed or out-of-range one is also `null` and produces a {@link UrlIssue} naming it; the page
 * shows the issues in a dismissible message and carries on with the defaults.
 *
 * This module is pure (no engine, no DOM) and holds the state's shape, its formatting and the view
 * parameters; the parsing of the simulation's parameters (zod schemas) is in urlParse.ts, which a
 * page loads only when its address has parameters, so a fresh page's first paint carries no zod
 * (issue 12's budget). `parseUrlState` and {@link formatUrlState} are inverse on valid states,
 * which the unit tests check.
 */
import type { AdapterKind } from '../engine/types';
import type { ExtensionName } from '../engine/topology';
import { formatFlowSpec, type FlowSpec, type TrafficPreset } from './traffic';
import { speedToParam } from './speed';
import { PORT_POLICY_OPTIONS, type PortPolicyValues } from './portPolicyParams';

export const URL_PARAMS = [
  'scenario', 'packets', 'vms', 'adapter', 'vmq', 'sriov', 'traffic', 'flows', 'ext', 'seed', 'speed', 't', 'ch', 'sel', 'focus', 'play', 'lang',
  'vrss', 'vmmq', 'queues',
  // vSwitch port policy (issue 11; portPolicyParams.ts)
  'vlan', 'acl', 'limit-mbps', 'mirror',
  'lso', 'rsc', 'csum', 'mtu',
] as const;
export type UrlParam = (typeof URL_PARAMS)[number];

export const LIMITS = {
  vms: [1, 64],
  packets: [1, 50_000],
  seed: [0, 4_294_967_295],
  t: [0, 10_000_000_000],
  flows: [0, 64],
} as const;

export interface UrlState {
  scenario: string | null;
  packets: number | null;
  vms: number | null;
  /** One entry = every VM; several = per VM in order. */
  adapters: AdapterKind[] | null;
  vmq: boolean | null;
  sriov: boolean | null;
  traffic: TrafficPreset | null;
  flows: FlowSpec[] | null;
  ext: ExtensionName[] | null;
  seed: number | null;
  /** Simulated ns per wall second. */
  speed: number | null;
  /** Simulated ns. */
  t: number | null;
  /** Raw change list (`ch=`); validated against the configuration by `parseChangeList`. */
  ch: string | null;
  /** Selection: a component id or `p<packet id>`. */
  sel: string | null;
  /** "Focus on this path": `p<packet id>` or a VM id. */
  focus: string | null;
  play: boolean | null;
  lang: string | null;
  /** Issue 11: host vRSS and VMMQ switches; queues per vNIC (one entry = every VM). */
  vrss?: boolean | null;
  vmmq?: boolean | null;
  queues?: number[] | null;
  /** vSwitch port policy per VM (`vlan`, `acl`, `limit-mbps`, `mirror`), checked text; absent = scenario's. */
  portPolicy?: PortPolicyValues;
  /** Offloads per vNIC (issue 11): absent = not in the link; one entry = every VM; several = per VM. */
  lso?: boolean[];
  rsc?: boolean[];
  csum?: boolean[];
  mtu?: number[];
}

/** The per-VM offload parameters of the link, UrlState field by parameter. */
export const OFFLOAD_PARAMS = ['lso', 'rsc', 'csum', 'mtu'] as const;
export type OffloadParam = (typeof OFFLOAD_PARAMS)[number];

export const EMPTY_URL_STATE: UrlState = {
  scenario: null, packets: null, vms: null, adapters: null, vmq: null, sriov: null, traffic: null, flows: null,
  ext: null, seed: null, speed: null, t: null, ch: null, sel: null, focus: null, play: null, lang: null,
  vrss: null, vmmq: null, queues: null,
};

/** What was wrong with one parameter; the view translates `url.issue.<reason>`. */
export interface UrlIssue {
  param: string;
  value: string;
  reason: 'malformed' | 'range' | 'unknown-value' | 'mismatch';
  /** What would have been accepted, for the message (e.g. `1–64`, `on/off`). */
  expected: string;
}

/**
 * Query string for a state (without the leading `?`). Absent fields are left out. Commas and
 * colons stay readable: they are legal in a query and the parser splits on them.
 */
export function formatUrlState(s: UrlState): string {
  const out: [UrlParam, string][] = [];
  if (s.scenario !== null) out.push(['scenario', s.scenario]);
  if (s.packets !== null) out.push(['packets', String(s.packets)]);
  if (s.vms !== null) out.push(['vms', String(s.vms)]);
  if (s.adapters !== null) out.push(['adapter', s.adapters.join(',')]);
  if (s.vmq !== null) out.push(['vmq', s.vmq ? '1' : '0']);
  if (s.sriov !== null) out.push(['sriov', s.sriov ? '1' : '0']);
  if (s.ext !== null) out.push(['ext', s.ext.length ? s.ext.join(',') : 'none']);
  if (s.flows !== null) out.push(['flows', s.flows.length ? s.flows.map(formatFlowSpec).join(',') : 'none']);
  else if (s.traffic !== null) out.push(['traffic', s.traffic]);
  if (s.seed !== null) out.push(['seed', String(s.seed)]);
  if (s.speed !== null) out.push(['speed', speedToParam(s.speed)]);
  if (s.t !== null) out.push(['t', String(s.t)]);
  if (s.ch !== null && s.ch !== '') out.push(['ch', s.ch]);
  if (s.sel !== null) out.push(['sel', s.sel]);
  if (s.focus !== null) out.push(['focus', s.focus]);
  for (const p of PORT_POLICY_OPTIONS) if (s.portPolicy?.[p] !== undefined) out.push([p, s.portPolicy[p] as string]);
  if (s.play !== null) out.push(['play', s.play ? '1' : '0']);
  if (s.lang !== null) out.push(['lang', s.lang]);
  if (s.vrss !== null && s.vrss !== undefined) out.push(['vrss', s.vrss ? '1' : '0']);
  if (s.vmmq !== null && s.vmmq !== undefined) out.push(['vmmq', s.vmmq ? '1' : '0']);
  if (s.queues !== null && s.queues !== undefined) out.push(['queues', s.queues.join(',')]);
  for (const p of OFFLOAD_PARAMS) {
    const v = s[p];
    if (v !== undefined) out.push([p, v.map((x) => (typeof x === 'boolean' ? (x ? '1' : '0') : String(x))).join(',')]);
  }
  return out.map(([k, v]) => `${k}=${encodeQueryValue(v)}`).join('&');
}

/** The words a switch parameter accepts (`vmq=on`, `embed=1`, …); urlParse.ts checks with the same lists. */
export const SWITCH_ON = ['1', 'on', 'true', 'yes'];
export const SWITCH_OFF = ['0', 'off', 'false', 'no'];

/** A switch value, or null when it is none of SWITCH_ON / SWITCH_OFF. */
export function parseSwitch(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  return SWITCH_ON.includes(v) ? true : SWITCH_OFF.includes(v) ? false : null;
}

/** encodeURIComponent, but leaves `,` and `:` readable. */
function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** Canonical URL form of per-VM adapters: one value when all VMs use the same adapter. */
export function compactAdapters(adapters: readonly AdapterKind[]): AdapterKind[] {
  const first = adapters[0];
  return first !== undefined && adapters.every((a) => a === first) ? [first] : [...adapters];
}

/** Per-VM adapters from a URL value: one entry applies to all VMs; a short list pads with its last. */
export function expandAdapters(adapters: readonly AdapterKind[], vms: number): AdapterKind[] {
  if (adapters.length === 0) return Array.from({ length: vms }, () => 'synthetic');
  return Array.from({ length: vms }, (_, i) => adapters[Math.min(i, adapters.length - 1)] as AdapterKind);
}

// ---------------------------------------------------------------------------------------------
// View parameters: how the page shows the simulation, not what it simulates. They are not part
// of UrlState (the simulation's link stays the same whether it is embedded or not), but the
// address-bar sync keeps them (see keepViewParams) so reloading an embed stays an embed.
// ---------------------------------------------------------------------------------------------

/**
 * | param     | value                                                           |
 * | --------- | --------------------------------------------------------------- |
 * | `embed`   | switch: diagram and minimal controls only (for iframes)          |
 * | `theme`   | `light`, `dark`, `projector` or `system`                         |
 * | `lesson`  | a lesson id (`partitions`, `vmbus`, `sriov`, …): opens it         |
 * | `step`    | step of that lesson, 1-based (default 1)                         |
 * | `origins` | comma list of parent origins allowed to send postMessage commands|
 * | `notes`   | `1`: this window shows presenter speaker notes                   |
 */
export const VIEW_PARAMS = ['embed', 'theme', 'lesson', 'step', 'origins', 'notes'] as const;
export type ViewParam = (typeof VIEW_PARAMS)[number];

export interface ViewParams {
  embed: boolean;
  theme: 'light' | 'dark' | 'projector' | 'system' | null;
  lesson: string | null;
  /** 1-based. */
  step: number | null;
  /** Normalised origins (`https://a.example`); null = no allow-list (any parent may drive). */
  origins: string[] | null;
  notes: boolean;
}

/** A list of origins from `origins=`; entries that are not http(s) origins are reported. */
export function parseOrigins(raw: string): { origins: string[]; bad: string[] } {
  const origins: string[] = [];
  const bad: string[] = [];
  for (const part of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
    try {
      const u = new URL(part);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash) {
        if (!origins.includes(u.origin)) origins.push(u.origin);
      } else bad.push(part);
    } catch {
      bad.push(part);
    }
  }
  return { origins, bad };
}

/** Parse the view parameters. Never throws; bad values become issues and their defaults. */
export function parseViewParams(search: string, opts: { lessons?: readonly string[] } = {}): { view: ViewParams; issues: UrlIssue[] } {
  const params = new URLSearchParams(search);
  const issues: UrlIssue[] = [];
  const get = (p: ViewParam) => {
    const all = params.getAll(p);
    return all.length ? (all[all.length - 1] as string) : null;
  };
  const view: ViewParams = { embed: false, theme: null, lesson: null, step: null, origins: null, notes: false };

  for (const p of ['embed', 'notes'] as const) {
    const raw = get(p);
    if (raw === null) continue;
    const v = parseSwitch(raw);
    if (v !== null) view[p] = v;
    else issues.push({ param: p, value: raw, reason: 'malformed', expected: 'on | off' });
  }
  const theme = get('theme');
  if (theme !== null) {
    const v = theme.trim().toLowerCase();
    if (v === 'light' || v === 'dark' || v === 'projector' || v === 'system') view.theme = v;
    else issues.push({ param: 'theme', value: theme, reason: 'unknown-value', expected: 'light | dark | projector | system' });
  }
  const lesson = get('lesson');
  if (lesson !== null) {
    const v = lesson.trim();
    if (!opts.lessons || opts.lessons.includes(v)) view.lesson = v;
    else issues.push({ param: 'lesson', value: lesson, reason: 'unknown-value', expected: opts.lessons.join(' | ') });
  }
  const step = get('step');
  if (step !== null) {
    const v = step.trim();
    if (!/^\d+$/.test(v)) issues.push({ param: 'step', value: step, reason: 'malformed', expected: '1, 2, 3 …' });
    else if (Number(v) < 1 || Number(v) > 999) issues.push({ param: 'step', value: step, reason: 'range', expected: '1, 2, 3 …' });
    else view.step = Number(v);
  }
  const origins = get('origins');
  if (origins !== null) {
    const r = parseOrigins(origins);
    view.origins = r.origins;
    for (const b of r.bad) issues.push({ param: 'origins', value: b, reason: 'malformed', expected: 'https://host[:port]' });
  }
  return { view, issues };
}

/** Query string (no `?`) of the view parameters that differ from the defaults. */
export function formatViewParams(v: Partial<ViewParams>): string {
  const out: [ViewParam, string][] = [];
  if (v.embed) out.push(['embed', '1']);
  if (v.theme) out.push(['theme', v.theme]);
  if (v.lesson) {
    out.push(['lesson', v.lesson]);
    if (v.step) out.push(['step', String(v.step)]);
  }
  if (v.origins?.length) out.push(['origins', v.origins.join(',')]);
  if (v.notes) out.push(['notes', '1']);
  return out.map(([k, val]) => `${k}=${encodeQueryValue(val)}`).join('&');
}

/** `query` (no `?`) followed by the view parameters found in `fromSearch`, in VIEW_PARAMS order. */
export function keepViewParams(query: string, fromSearch: string): string {
  const from = new URLSearchParams(fromSearch);
  const kept = VIEW_PARAMS.flatMap((p) => from.getAll(p).slice(-1).map((v) => `${p}=${encodeQueryValue(v)}`));
  return [query, ...kept].filter(Boolean).join('&');
}
