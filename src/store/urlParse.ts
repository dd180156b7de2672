/**
 * Parsing of the simulation's address-bar parameters (the table in url.ts): each raw string is
 * checked by a zod schema and becomes a value or a {@link UrlIssue}.
 *
 * Apart from url.ts so that zod stays out of a fresh page's first paint: boot.ts imports this
 * module only when the address has parameters (fetched alongside the page's locale, which the
 * first render waits for anyway), and automation installs `window.hvv` once it is here.
 */
import { z } from '../engine/zod';
import { ADAPTER_KINDS, type AdapterKind } from '../engine/types';
import { EXTENSION_ORDER, type ExtensionName } from '../engine/topology';
import { formatFlowSpec, parseFlowSpec, TRAFFIC_PRESETS, type FlowSpec } from './traffic';
import { MAX_SPEED, MIN_SPEED, parseSpeedParam } from './speed';
import { entryCount, PORT_POLICY_EXPECTED, PORT_POLICY_OPTIONS } from './portPolicyParams';
import { parsePortPolicyOption } from './portPolicyParse';
import { EMPTY_URL_STATE, LIMITS, OFFLOAD_PARAMS, SWITCH_OFF, SWITCH_ON, type UrlIssue, type UrlParam, type UrlState } from './url';

// ---------------------------------------------------------------------------------------------
// Schemas: each turns the raw string into a value or fails with a zod issue we map to a reason.
// ---------------------------------------------------------------------------------------------

// zod/mini's functional form: z.pipe(a, b) and .check(...) where the classic API chains methods.
const trimmed = () => z.string().check(z.trim());
const lowerTrimmed = () => z.string().check(z.trim(), z.toLowerCase());

const intIn = (min: number, max: number) =>
  z.pipe(z.pipe(z.string().check(z.trim(), z.regex(/^\d+$/)), z.transform(Number)), z.number().check(z.int(), z.gte(min), z.lte(max)));

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
