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
 * This module is pure (no engine, no DOM): {@link parseUrlState} and {@link formatUrlState} are
 * inverse on valid states, which the unit tests check.
 */
import { z } from '../engine/zod';
import { ADAPTER_KINDS, type AdapterKind } from '../engine/types';
import { EXTENSION_ORDER, type ExtensionName } from '../engine/topology';
import { formatFlowSpec, parseFlowSpec, TRAFFIC_PRESETS, type FlowSpec, type TrafficPreset } from './traffic';
import { MAX_SPEED, MIN_SPEED, parseSpeedParam, speedToParam } from './speed';
import { PORT_POLICY_EXPECTED, PORT_POLICY_OPTIONS, entryCount, parsePortPolicyOption, type PortPolicyValues } from './portPolicyParams';

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

// ---------------------------------------------------------------------------------------------
// Schemas: each turns the raw string into a value or fails with a zod issue we map to a reason.
// ---------------------------------------------------------------------------------------------

// zod/mini's functional form: z.pipe(a, b) and .check(...) where the classic API chains methods.
const trimmed = () => z.string().check(z.trim());
const lowerTrimmed = () => z.string().check(z.trim(), z.toLowerCase());

const intIn = (min: number, max: number) =>
  z.pipe(z.pipe(z.string().check(z.trim(), z.regex(/^\d+$/)), z.transform(Number)), z.number().check(z.int(), z.gte(min), z.lte(max)));

const SWITCH_ON = ['1', 'on', 'true', 'yes'];
const SWITCH_OFF = ['0', 'off', 'false', 'no'];
const switchSchema = z.pipe(
  lowerTrimmed().check(z.refine((v) => SWITCH_ON.includes(v) || SWITCH_OFF.includes(v))),
  z.transform((v: string) => SWITCH_ON.includes(v)),
);

const ADAPTER_ALIASES: Record<string, AdapterKind> = {
  synthetic: 'synthetic', netvsc: 'synthetic', vmbus: 'synthetic',
  emulated: 'emulated', legacy: 'emulated',
  sriov: 'sriov', 'sr-iov': 'sriov', vf: 'sriov',
};
const adapterSchema = z.pipe(
  lowerTrimmed().check(z.refine((v) => v in ADAPTER_ALIASES)),
  z.transform((v: string) => ADAPTER_ALIASES[v] as AdapterKind),
);
const adapterListSchema = z.pipe(
  z.pipe(z.string(), z.transform((v: string) => v.split(','))),
  z.array(adapterSchema).check(z.minLength(1), z.maxLength(64)),
);

const queuesListSchema = z.pipe(
  z.pipe(z.string(), z.transform((v: string) => v.split(','))),
  z.array(intIn(1, 16)).check(z.minLength(1), z.maxLength(64)),
);

const speedSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((v: string, ctx) => {
      const n = parseSpeedParam(v);
      if (n === null) {
        ctx.issues.push({ code: 'custom', message: 'malformed', input: v });
        return z.NEVER;
      }
      return n;
    }),
  ),
  z.number().check(z.gte(MIN_SPEED), z.lte(MAX_SPEED)),
);

const extSchema = z.pipe(
  z.pipe(
    z.pipe(lowerTrimmed(), z.transform((v: string) => (v === 'none' || v === '' ? [] : v.split(',')))),
    z.array(z.enum(EXTENSION_ORDER)),
  ),
  z.transform((xs: ExtensionName[]) => EXTENSION_ORDER.filter((x) => xs.includes(x))),
);

const perVm = <T extends z.ZodMiniType<unknown, string>>(one: T) =>
  z.pipe(
    z.pipe(z.string(), z.transform((v: string) => v.split(','))),
    z.array(one).check(z.minLength(1), z.maxLength(64)),
  );

const SCHEMAS = {
  lso: perVm(switchSchema),
  rsc: perVm(switchSchema),
  csum: perVm(switchSchema),
  mtu: perVm(intIn(576, 9000)),
  packets: intIn(...LIMITS.packets),
  vms: intIn(...LIMITS.vms),
  adapter: adapterListSchema,
  vmq: switchSchema,
  sriov: switchSchema,
  traffic: z.pipe(lowerTrimmed(), z.enum(TRAFFIC_PRESETS)),
  ext: extSchema,
  seed: intIn(...LIMITS.seed),
  speed: speedSchema,
  t: intIn(...LIMITS.t),
  // `=`, `+` and `/` appear in set-vm-nic tokens (nicSettings.ts: `nic:vm2:lso=1+acl=in.deny/out.allow`).
  ch: trimmed().check(z.maxLength(20_000), z.regex(/^[0-9a-z:,._=+/-]*$/)),
  sel: trimmed().check(z.maxLength(80), z.regex(/^(p\d{1,9}|[a-z][a-z0-9-]*(\.[a-z0-9-]+)*)$/)),
  focus: lowerTrimmed().check(z.regex(/^(p\d{1,9}|vm\d{1,2})$/)),
  play: switchSchema,
  vrss: switchSchema,
  vmmq: switchSchema,
  queues: queuesListSchema,
  // Shape only here; whether a locale exists is checked against ParseOptions.languages.
  lang: lowerTrimmed().check(z.regex(/^[a-z]{2,3}$/)),
} as const;

const EXPECTED: Record<UrlParam, string> = {
  scenario: '',
  packets: `${LIMITS.packets[0]}–${LIMITS.packets[1]}`,
  vms: `${LIMITS.vms[0]}–${LIMITS.vms[1]}`,
  adapter: ADAPTER_KINDS.join(' | '),
  vmq: 'on | off',
  sriov: 'on | off',
  traffic: TRAFFIC_PRESETS.join(' | '),
  flows: 'vm1:ext:udp:1500:100k',
  ext: [...EXTENSION_ORDER, 'none'].join(' | '),
  seed: `${LIMITS.seed[0]}–${LIMITS.seed[1]}`,
  speed: '0.2us – 1ms',
  t: `${LIMITS.t[0]}–${LIMITS.t[1]} ns`,
  ch: 'time:change list, e.g. 425130:sriov:0',
  sel: 'a component id (nic.queue.1) or a packet (p42)',
  focus: 'a packet (p42) or a VM (vm2)',
  play: 'on | off',
  lang: 'a language code such as en or ja',
  vrss: 'on | off',
  vmmq: 'on | off',
  queues: '1–16, or a comma list per VM',
  ...PORT_POLICY_EXPECTED,
  lso: 'on | off, or a comma list per VM',
  rsc: 'on | off, or a comma list per VM',
  csum: 'on | off, or a comma list per VM',
  mtu: '576–9000, or a comma list per VM',
};

function reasonOf(error: { issues: readonly { code: string }[] }): UrlIssue['reason'] {
  const codes = error.issues.map((i) => i.code);
  if (codes.includes('too_big') || codes.includes('too_small')) return 'range';
  if (codes.includes('invalid_value')) return 'unknown-value';
  return 'malformed';
}

export interface ParseOptions {
  /** Known scenario names; `scenario=` outside this list is an issue. */
  scenarios: readonly string[];
  /** Languages with a locale file (src/i18n); `lang=` outside this list is an issue. Default en, ja. */
  languages?: readonly string[];
}

/** Parse a `location.search` string. Never throws. */
export function parseUrlState(search: string, opts: ParseOptions): { state: UrlState; issues: UrlIssue[] } {
  const params = new URLSearchParams(search);
  const state: UrlState = { ...EMPTY_URL_STATE };
  const issues: UrlIssue[] = [];
  const issue = (param: UrlParam, value: string, reason: UrlIssue['reason'], expected = EXPECTED[param]) =>
    issues.push({ param, value: value.length > 60 ? `${value.slice(0, 57)}…` : value, reason, expected });

  const get = (p: UrlParam): string | null => {
    const all = params.getAll(p);
    return all.length ? (all[all.length - 1] as string) : null;
  };

  function field<K extends keyof typeof SCHEMAS>(p: K): z.output<(typeof SCHEMAS)[K]> | null {
    const raw = get(p);
    if (raw === null) return null;
    const r = SCHEMAS[p].safeParse(raw);
    if (r.success) return r.data as z.output<(typeof SCHEMAS)[K]>;
    issue(p, raw, reasonOf(r.error));
    return null;
  }

  const scenario = get('scenario');
  if (scenario !== null) {
    const s = scenario.trim().toLowerCase();
    if (opts.scenarios.includes(s)) state.scenario = s;
    else issue('scenario', scenario, 'unknown-value', opts.scenarios.join(' | '));
  }
  state.packets = field('packets');
  state.vms = field('vms');
  state.adapters = field('adapter');
  state.vmq = field('vmq');
  state.sriov = field('sriov');
  state.traffic = field('traffic');
  state.ext = field('ext');
  state.seed = field('seed');
  state.speed = field('speed');
  state.t = field('t');
  state.ch = field('ch');
  state.sel = field('sel');
  state.focus = field('focus');
  state.play = field('play');
  state.lang = field('lang');
  state.vrss = field('vrss');
  state.vmmq = field('vmmq');
  state.queues = field('queues');
  const languages = opts.languages ?? ['en', 'ja'];
  if (state.lang !== null && !languages.includes(state.lang)) {
    issue('lang', state.lang, 'unknown-value', languages.join(' | '));
    state.lang = null;
  }

  // Flows: each entry is checked on its own; bad entries are reported and skipped.
  const flowsRaw = params.getAll('flows').join(',');
  if (params.has('flows')) {
    const flows: FlowSpec[] = [];
    for (const part of flowsRaw.split(',').filter((x) => x.trim() !== '' && x.trim() !== 'none')) {
      const r = parseFlowSpec(part);
      if (r.ok) flows.push(r.flow);
      else issue('flows', part, r.reason);
    }
    if (flows.length > LIMITS.flows[1]) {
      issue('flows', `${flows.length}`, 'range', `≤ ${LIMITS.flows[1]}`);
      flows.length = LIMITS.flows[1];
    }
    // Nothing usable: fall back to the default traffic rather than silence.
    const bad = issues.some((i) => i.param === 'flows');
    state.flows = flows.length === 0 && bad ? null : flows;
  }

  // Port policy: each option checked on its own, like `adapter` (portPolicyParams.ts).
  for (const p of PORT_POLICY_OPTIONS) {
    const raw = get(p);
    if (raw === null) continue;
    const r = parsePortPolicyOption(p, raw);
    if (!r.ok) {
      issue(p, r.entry, 'malformed');
      continue;
    }
    if (state.vms !== null && r.value.length > 1 && entryCount(raw) > state.vms) {
      issue(p, raw, 'mismatch', `1 or ${state.vms} values`);
      continue;
    }
    (state.portPolicy ??= {})[p] = raw.trim().toLowerCase();
  }

  // Cross-parameter checks.
  if (state.adapters && state.adapters.length > 1 && state.vms !== null && state.adapters.length !== state.vms) {
    issue('adapter', get('adapter') ?? '', 'mismatch', `1 or ${state.vms} values`);
    state.adapters = state.adapters.length > state.vms ? state.adapters.slice(0, state.vms) : state.adapters;
  }
  if (state.queues && state.queues.length > 1 && state.vms !== null && state.queues.length !== state.vms) {
    issue('queues', get('queues') ?? '', 'mismatch', `1 or ${state.vms} values`);
    state.queues = state.queues.length > state.vms ? state.queues.slice(0, state.vms) : state.queues;
  }
  const vmCount = state.vms ?? (state.adapters && state.adapters.length > 1 ? state.adapters.length : null);
  if (vmCount !== null && state.flows) {
    const ok = state.flows.filter((f) => Number(f.vm.slice(2)) <= vmCount && (!f.peerVm || Number(f.peerVm.slice(2)) <= vmCount));
    for (const f of state.flows) if (!ok.includes(f)) issue('flows', formatFlowSpec(f), 'mismatch', `vm1–vm${vmCount}`);
    state.flows = ok;
  }
  // Offloads per vNIC: like `adapter`, one value for all VMs or one per VM.
  for (const p of OFFLOAD_PARAMS) {
    const v = field(p) as (boolean | number)[] | null;
    if (v === null) continue;
    const n = state.vms ?? (state.adapters && state.adapters.length > 1 ? state.adapters.length : null);
    if (v.length > 1 && n !== null && v.length !== n) issue(p, get(p) ?? '', 'mismatch', `1 or ${n} values`);
    (state as unknown as Record<string, unknown>)[p] = n !== null && v.length > n ? v.slice(0, n) : v;
  }
  if (state.packets !== null && state.scenario !== 'stress') {
    issue('packets', String(state.packets), 'mismatch', 'scenario=stress');
    state.packets = null;
  }
  return { state, issues };
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
    const r = switchSchema.safeParse(raw);
    if (r.success) view[p] = r.data;
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
    const r = intIn(1, 999).safeParse(step);
    if (r.success) view.step = r.data;
    else issues.push({ param: 'step', value: step, reason: reasonOf(r.error), expected: '1, 2, 3 …' });
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
