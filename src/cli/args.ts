/**
 * Command-line arguments of `npm run sim`, parsed without touching the file system or the
 * process: a pure function from argv to options or to one error message, so it is unit-tested.
 *
 * Accepted forms: `--name value` and `--name=value`. A repeated option keeps its last value,
 * except `--capture`, which adds a capture point each time.
 * What needs the scenario (the number of VMs an adapter list may cover) is checked later, in
 * `overrides.ts`.
 */
import { ADAPTER_KINDS, type AdapterKind } from '../engine/types';
import { PORT_POLICY_EXPECTED, PORT_POLICY_OPTIONS, type PortPolicyOption, type PortPolicyValues } from '../store/portPolicyParams';
import { parsePortPolicyOption } from '../store/portPolicyParse';

export type OutputFormat = 'jsonl' | 'summary' | 'pcapng' | 'powershell';
export const OUTPUT_FORMATS = ['jsonl', 'summary', 'pcapng', 'powershell'] as const satisfies readonly OutputFormat[];

/** The highest VM count the engine accepts (types.ts: 1 … 64 child partitions). */
export const MAX_VMS = 64;
/** Seeds are unsigned 32-bit integers, the PRNG's state width. */
export const MAX_SEED = 0xffff_ffff;
/** Longest run, so that the end time in ns stays an exact integer. */
export const MAX_DURATION_US = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

export interface CliOptions {
  /** Scenario name or path of a JSON file; undefined = the default configuration. */
  scenario?: string;
  vms?: number;
  /** One entry: every VM. Several: vm1, vm2, … in order. */
  adapters?: AdapterKind[];
  vmq?: boolean;
  sriov?: boolean;
  /** Issue 11: host vRSS and VMMQ switches; receive queues per vNIC (one entry = every VM). */
  vrss?: boolean;
  vmmq?: boolean;
  queues?: number[];
  durationUs?: number;
  seed?: number;
  format: OutputFormat;
  /** Capture points for `--format pcapng`, in the order given (`wire`, `port:external`, `port:vmN`). */
  captures?: string[];
  /** vSwitch port policy per VM (`--vlan`, `--acl`, `--limit-mbps`, `--mirror`), checked text. */
  portPolicy?: PortPolicyValues;
  /** Offloads per vNIC (issue 11): one entry = every VM; several = vm1, vm2, … in order. */
  lso?: boolean[];
  rsc?: boolean[];
  checksum?: boolean[];
  mtu?: number[];
  help: boolean;
}

export type ParseArgsResult = { ok: true; options: CliOptions } | { ok: false; error: string };

/** Options that take a value. `--help` and `-h` are the only flags without one. */
const VALUE_OPTIONS = ['scenario', 'vms', 'adapter', 'vmq', 'sriov', 'duration-us', 'seed', 'format', 'capture', 'vrss', 'vmmq', 'queues', ...PORT_POLICY_OPTIONS, 'lso', 'rsc', 'checksum', 'mtu'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

const isValueOption = (name: string): name is ValueOption => (VALUE_OPTIONS as readonly string[]).includes(name);

const SWITCH_WORDS: Record<string, boolean> = { on: true, off: false, true: true, false: false, '1': true, '0': false };

/** A non-negative decimal integer within [min, max], or an error message. */
function parseInteger(option: string, raw: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(raw)) return `--${option} expects a whole number, got '${raw}'`;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) return `--${option} must be between ${min} and ${max}, got ${raw}`;
  return n;
}

function parseSwitch(option: string, raw: string): boolean | string {
  const v = SWITCH_WORDS[raw.toLowerCase()];
  return v ?? `--${option} expects on|off (or 1/0, true/false), got '${raw}'`;
}

function parseAdapters(raw: string): AdapterKind[] | string {
  const parts = raw.split(',').map((s) => s.trim().toLowerCase());
  const out: AdapterKind[] = [];
  for (const [i, p] of parts.entries()) {
    if (!(ADAPTER_KINDS as readonly string[]).includes(p)) {
      const where = parts.length > 1 ? ` (entry ${i + 1} of the list)` : '';
      return `--adapter expects ${ADAPTER_KINDS.join('|')} or a comma list of them, got '${p}'${where}`;
    }
    out.push(p as AdapterKind);
  }
  if (out.length > MAX_VMS) return `--adapter lists ${out.length} adapters; at most ${MAX_VMS} VMs exist`;
  return out;
}

/** `--queues N[,N…]`: receive queues / channels per vNIC, 1 … 16 each. */
function parseQueues(raw: string): number[] | string {
  const parts = raw.split(',').map((s) => s.trim());
  const out: number[] = [];
  for (const [i, p] of parts.entries()) {
    const where = parts.length > 1 ? ` (entry ${i + 1} of the list)` : '';
    if (!/^\d+$/.test(p)) return `--queues expects a whole number 1-16 or a comma list of them, got '${p}'${where}`;
    const n = Number(p);
    if (n < 1 || n > 16) return `--queues must be between 1 and 16, got ${p}${where}`;
    out.push(n);
  }
  if (out.length > MAX_VMS) return `--queues lists ${out.length} values; at most ${MAX_VMS} VMs exist`;
  return out;
}

/** The vNIC MTU range (engine schema `nic.mtu`). */
export const MTU_RANGE = [576, 9000] as const;

/** `--lso`, `--rsc`, `--checksum` (on|off) and `--mtu` (N): one value or a comma list per VM. */
function parsePerVm<T>(option: string, raw: string, one: (v: string) => T | string): T[] | string {
  const parts = raw.split(',').map((p) => p.trim());
  const out: T[] = [];
  for (const [i, p] of parts.entries()) {
    const v = one(p);
    if (typeof v === 'string') return parts.length > 1 ? `${v} (entry ${i + 1} of the list)` : v;
    out.push(v);
  }
  if (out.length > MAX_VMS) return `--${option} lists ${out.length} values; at most ${MAX_VMS} VMs exist`;
  return out;
}

/** Parse `process.argv.slice(2)`. */
export function parseArgs(argv: readonly string[]): ParseArgsResult {
  const options: CliOptions = { format: 'summary', help: false };
  const fail = (error: string): ParseArgsResult => ({ ok: false, error });

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      return fail(`unexpected argument '${arg}' (options start with --; see --help)`);
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!isValueOption(name)) return fail(`unknown option '--${name}' (see --help)`);
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) return fail(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (value === '') return fail(`--${name} needs a value`);

    switch (name) {
      case 'scenario':
        options.scenario = value;
        break;
      case 'vms': {
        const n = parseInteger(name, value, 1, MAX_VMS);
        if (typeof n === 'string') return fail(n);
        options.vms = n;
        break;
      }
      case 'adapter': {
        const a = parseAdapters(value);
        if (typeof a === 'string') return fail(a);
        options.adapters = a;
        break;
      }
      case 'vrss':
      case 'vmmq':
      case 'vmq':
      case 'sriov': {
        const b = parseSwitch(name, value);
        if (typeof b === 'string') return fail(b);
        options[name] = b;
        break;
      }
      case 'queues': {
        const q = parseQueues(value);
        if (typeof q === 'string') return fail(q);
        options.queues = q;
        break;
      }
      case 'duration-us': {
        const n = parseInteger(name, value, 1, MAX_DURATION_US);
        if (typeof n === 'string') return fail(n);
        options.durationUs = n;
        break;
      }
      case 'seed': {
        const n = parseInteger(name, value, 0, MAX_SEED);
        if (typeof n === 'string') return fail(n);
        options.seed = n;
        break;
      }
      case 'format': {
        if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
          return fail(`--format expects ${OUTPUT_FORMATS.join('|')}, got '${value}'`);
        }
        options.format = value as OutputFormat;
        break;
      }
      case 'vlan':
      case 'acl':
      case 'limit-mbps':
      case 'mirror': {
        const r = parsePortPolicyOption(name, value);
        if (!r.ok) {
          const where = value.includes(',') ? ` (entry ${r.index + 1} of the list)` : '';
          return fail(`--${name} expects ${PORT_POLICY_EXPECTED[name as PortPolicyOption]}; got '${r.entry}'${where}`);
        }
        (options.portPolicy ??= {})[name] = value.trim().toLowerCase();
        break;
      }
      case 'lso':
      case 'rsc':
      case 'checksum': {
        const b = parsePerVm(name, value, (v) => parseSwitch(name, v));
        if (typeof b === 'string') return fail(b);
        options[name] = b;
        break;
      }
      case 'mtu': {
        const n = parsePerVm(name, value, (v) => parseInteger(name, v, MTU_RANGE[0], MTU_RANGE[1]));
        if (typeof n === 'string') return fail(n);
        options.mtu = n;
        break;
      }
      case 'capture': {
        if (!/^(wire|port:external|port:vm[1-9]\d?)$/.test(value)) return fail(`--capture expects wire, port:external or port:vmN, got '${value}'`);
        const list = (options.captures ??= []);
        if (list.includes(value)) return fail(`--capture ${value} is given twice`);
        list.push(value);
        break;
      }
    }
  }

  if (options.captures && options.format !== 'pcapng') return fail('--capture needs --format pcapng');

  if (options.adapters && options.vms !== undefined && options.adapters.length > options.vms) {
    return fail(`--adapter lists ${options.adapters.length} adapters but --vms is ${options.vms}`);
  }
  if (options.queues && options.vms !== undefined && options.queues.length > options.vms) {
    return fail(`--queues lists ${options.queues.length} values but --vms is ${options.vms}`);
  }
  return { ok: true, options };
}

/** The text of `--help`. */
export const USAGE = `Usage: npm run sim -- [options]

Runs a Hyper-V network I/O scenario headless and prints its trace or a summary.

Options:
  --scenario <name|file.json>  a named scenario, or a JSON file holding a configuration
                               (or { "config": {...}, "seed": n, "durationUs": n })
  --vms <1-64>                 number of child partitions (vm1 ... vmN)
  --adapter <kind[,kind...]>   synthetic|emulated|sriov for every VM, or one per VM in order
  --vmq <on|off>               host-level VMQ switch (also 1/0, true/false)
  --sriov <on|off>             host-level SR-IOV switch (also 1/0, true/false)
  --vrss <on|off>              host-level vRSS: synthetic VMs open subchannels (NVSP 133) and
                               the host spreads each vNIC's receive work over several LPs
  --vmmq <on|off>              host-level VMMQ: several NIC queues per vNIC, each on its own LP
                               (needs --vmq on)
  --queues <n[,n...]>          receive queues / channels per vNIC, 1-16, for every VM or one per
                               VM in order (default 8, capped by the VM's vCPUs)
  --lso <on|off[,...]>         large send offload per vNIC (one value, or one per VM in order);
                               a synthetic VM's UDP sends go as one 64 KB VMBus packet
  --rsc <on|off[,...]>         receive segment coalescing in the vSwitch, per vNIC
  --checksum <on|off[,...]>    checksum offload per vNIC (default on; LSO needs it)
  --mtu <576-9000[,...]>       the vNIC's MTU (jumbo needs the switch and NIC: assumed allowed)
  --duration-us <n>            simulated time to run, in microseconds
  --seed <n>                   PRNG seed (0 ... ${MAX_SEED}); same seed, same trace
  --format <jsonl|summary|pcapng|powershell>
                               one event per line, one JSON summary (default: summary), a
                               pcapng capture (binary: redirect stdout to a file or to tshark),
                               or what Get-VMSwitch, Get-VMNetworkAdapter, Get-NetAdapterVmq(Queue),
                               Get-NetAdapterSriov(Vf) ... would print for the host at the end
  --capture <point>            with --format pcapng: where to capture, repeatable, one pcapng
                               interface per point in the order given (default: wire):
                                 wire           the cable outside the physical NIC
                                 port:external  the vSwitch external port (PF miniport side)
                                 port:vmN       vmN's vSwitch port (SR-IOV VF traffic bypasses it)
  --vlan <mode[,mode...]>       vSwitch port VLAN per VM: access, access:10 or trunk:10.20
                               (allowed VLANs); one for all VMs or one per VM, - = unchanged
  --acl <rules[,rules...]>     port ACL per VM: rules joined by /, first match wins, e.g.
                               in.deny.udp.53/out.allow (in|out|both.allow|deny[.proto][.port],
                               port = remote port); none = no rules
  --limit-mbps <n[,n...]>      port bandwidth limit per VM in Mbit/s (0 = none): a pacer on
                               what the VM sends; frames wait up to 2 ms, then are dropped
  --mirror <mode[,mode...]>    port mirroring per VM: none|source|destination; every
                               destination port gets a copy of each source port's frames
                               (a VM whose data runs on its SR-IOV VF bypasses all four)
  -h, --help                   this text

Options override what the scenario sets. Exit code 2 means bad options or a bad file.
A capture holds the same bytes as the app's "Export capture (pcapng)" for the same
configuration, seed, points and end time, e.g.
  npm run sim -- --scenario synthetic --seed 3 --duration-us 3000 --format pcapng \\
    --capture wire --capture port:vm1 > synthetic.pcapng
`;
