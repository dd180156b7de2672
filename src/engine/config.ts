/**
 * Configuration: defaults, validation (zod) at the boundary, and small merge helpers.
 *
 * Validation runs once when a configuration enters the engine (URL, file, CLI); the hot loop never
 * re-validates. Error paths are spelled the way a user reads them: `vms[2].adapter`, `nic.linkGbps`.
 */
import { z } from './zod';
import type { SimConfig, VmId } from './types';

/** Physical link speeds the model knows (cost H10 / W1). */
export const LINK_SPEEDS_GBPS = [0.1, 1, 10, 25, 40, 100] as const;
export const MAX_VMS = 64;
/** Upper bound on a flow's rate; beyond physical rates on purpose (load generator). */
export const MAX_RATE_PPS = 1e9;

// zod/mini's functional form: `.check(...)` carries what the classic API chains (`.int().min()`).
const int = (min: number, max?: number) => z.number().check(z.int(), z.gte(min), ...(max === undefined ? [] : [z.lte(max)]));
const positiveInt = () => z.number().check(z.int(), z.gt(0));

export const vmIdSchema = z.string().check(z.regex(/^vm[1-9][0-9]*$/, 'expected a VM id such as vm1')) as unknown as z.ZodMiniType<VmId>;
const protocolSchema = z.enum(['udp', 'icmp', 'tcp']);
export const adapterSchema = z.enum(['synthetic', 'emulated', 'sriov']);

export const flowSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  direction: z.enum(['vm-to-external', 'external-to-vm', 'vm-to-vm']),
  vm: vmIdSchema,
  peerVm: z.optional(vmIdSchema),
  protocol: protocolSchema,
  packetBytes: int(64, 9000),
  ratePps: z.number().check(z.gt(0), z.lte(MAX_RATE_PPS)),
  startNs: z.optional(int(0)),
  stopNs: z.optional(int(0)),
});

const dropRuleSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  protocol: z.optional(protocolSchema),
  dstPort: z.optional(int(0, 65535)),
  srcVm: z.optional(vmIdSchema),
  dstVm: z.optional(vmIdSchema),
});

const faultShape = {
  atNs: int(0),
  kind: z.enum(['vf-remove', 'vf-add', 'link-down', 'link-up', 'ring-exhaust']),
  vm: z.optional(vmIdSchema),
  durationNs: z.optional(positiveInt()),
};
const faultSchema = z.strictObject(faultShape);
/** A fault without its time (a scenario file's timed change carries the time outside it). */
export const untimedFaultSchema = z.strictObject({ kind: faultShape.kind, vm: faultShape.vm, durationNs: faultShape.durationNs });

const aclRuleSchema = z.strictObject({
  direction: z.enum(['inbound', 'outbound', 'both']),
  action: z.enum(['allow', 'deny']),
  protocol: z.optional(protocolSchema),
  remotePort: z.optional(int(0, 65535)),
});

/** A vNIC's port settings (issue 11). Every field optional: absent is the model's default. */
export const vmNicSettingsSchema = z.strictObject({
  vrss: z.optional(z.boolean()),
  vmmq: z.optional(z.boolean()),
  queues: z.optional(int(1, 16)),
  lso: z.optional(z.boolean()),
  rsc: z.optional(z.boolean()),
  checksum: z.optional(z.boolean()),
  mtu: z.optional(int(576, 9000)),
  vlanMode: z.optional(z.enum(['access', 'trunk'])),
  trunkVlans: z.optional(z.array(int(1, 4094)).check(z.minLength(1), z.maxLength(64))),
  acl: z.optional(z.array(aclRuleSchema).check(z.maxLength(64))),
  maxMbps: z.optional(int(0, 100_000)), // 0: no limit, as -MaximumBandwidth 0
  mirror: z.optional(z.enum(['none', 'source', 'destination'])),
});

const vmSchema = z.strictObject({
  id: vmIdSchema,
  adapter: adapterSchema,
  vcpus: int(1, 8),
  vlan: z.optional(int(1, 4094)),
  nic: z.optional(vmNicSettingsSchema),
});

export const flowsSchema = z.array(flowSchema).check(z.maxLength(1024));
export const extensionsSchema = z.strictObject({
  capture: z.boolean(),
  filter: z.strictObject({ enabled: z.boolean(), dropRules: z.array(dropRuleSchema).check(z.maxLength(64)) }),
  forwarding: z.boolean(),
});

export const simConfigSchema = z
  .strictObject({
    vms: z.array(vmSchema).check(z.minLength(1), z.maxLength(MAX_VMS)),
    vmq: z.boolean(),
    sriov: z.boolean(),
    vrss: z.optional(z.boolean()),
    vmmq: z.optional(z.boolean()),
    nic: z.strictObject({
      vmqQueues: int(0, 128),
      vfCount: int(0, 64),
      linkGbps: z.number().check(
        z.refine((x) => (LINK_SPEEDS_GBPS as readonly number[]).includes(x), { message: `expected one of ${LINK_SPEEDS_GBPS.join(', ')}` }),
      ),
    }),
    logicalProcessors: int(2, 64),
    flows: flowsSchema,
    extensions: extensionsSchema,
    faults: z.array(faultSchema).check(z.maxLength(1024)),
    loadGenerator: z.optional(z.strictObject({ hopTimeScale: int(1, 10000) })),
  })
  .check(
    z.superRefine((c, ctx) => {
      const ids = new Set<string>();
      c.vms.forEach((v, i) => {
        if (v.id !== `vm${i + 1}`) ctx.addIssue({ code: 'custom', path: ['vms', i, 'id'], message: `expected vm${i + 1} (ids are vm1…vmN in order)` });
        ids.add(v.id);
      });
      const known = (vm: string | undefined) => vm === undefined || ids.has(vm);
      c.flows.forEach((f, i) => {
        if (!known(f.vm)) ctx.addIssue({ code: 'custom', path: ['flows', i, 'vm'], message: `unknown VM ${f.vm}` });
        if (f.direction === 'vm-to-vm') {
          if (f.peerVm === undefined) ctx.addIssue({ code: 'custom', path: ['flows', i, 'peerVm'], message: 'a vm-to-vm flow needs peerVm' });
          else if (!known(f.peerVm)) ctx.addIssue({ code: 'custom', path: ['flows', i, 'peerVm'], message: `unknown VM ${f.peerVm}` });
          else if (f.peerVm === f.vm) ctx.addIssue({ code: 'custom', path: ['flows', i, 'peerVm'], message: 'peerVm must differ from vm' });
        }
        if (f.stopNs !== undefined && f.stopNs < (f.startNs ?? 0)) ctx.addIssue({ code: 'custom', path: ['flows', i, 'stopNs'], message: 'stopNs is before startNs' });
      });
      const flowIds = new Set<string>();
      c.flows.forEach((f, i) => {
        if (flowIds.has(f.id)) ctx.addIssue({ code: 'custom', path: ['flows', i, 'id'], message: `duplicate flow id ${f.id}` });
        flowIds.add(f.id);
      });
      c.faults.forEach((f, i) => {
        const needsVm = f.kind === 'vf-remove' || f.kind === 'vf-add' || f.kind === 'ring-exhaust';
        if (needsVm && f.vm === undefined) ctx.addIssue({ code: 'custom', path: ['faults', i, 'vm'], message: `${f.kind} needs a vm` });
        else if (!known(f.vm)) ctx.addIssue({ code: 'custom', path: ['faults', i, 'vm'], message: `unknown VM ${f.vm}` });
      });
      c.vms.forEach((v, i) => {
        if (v.nic?.vlanMode === 'trunk' && v.nic.trunkVlans === undefined) ctx.addIssue({ code: 'custom', path: ['vms', i, 'nic', 'trunkVlans'], message: 'a trunk port needs trunkVlans' });
        if (v.nic?.trunkVlans !== undefined && v.nic.vlanMode !== 'trunk') ctx.addIssue({ code: 'custom', path: ['vms', i, 'nic', 'vlanMode'], message: "trunkVlans need vlanMode 'trunk'" });
      });
      c.extensions.filter.dropRules.forEach((r, i) => {
        if (!known(r.srcVm)) ctx.addIssue({ code: 'custom', path: ['extensions', 'filter', 'dropRules', i, 'srcVm'], message: `unknown VM ${r.srcVm}` });
        if (!known(r.dstVm)) ctx.addIssue({ code: 'custom', path: ['extensions', 'filter', 'dropRules', i, 'dstVm'], message: `unknown VM ${r.dstVm}` });
      });
    }),
  );

export interface ConfigError {
  /** Where the problem is, e.g. `vms[2].adapter`. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; config: SimConfig } | { ok: false; errors: ConfigError[] };

/** `['vms', 2, 'adapter']` → `vms[2].adapter`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Validate unknown input (JSON from a file, a URL, a message) into a SimConfig. Never throws.
 * Each error names the bad field, e.g. `{ path: 'vms[2].adapter', message: ... }`.
 */
export function parseConfig(input: unknown): ParseResult {
  const r = simConfigSchema.safeParse(input);
  if (r.success) return { ok: true, config: r.data as SimConfig };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

/**
 * The configuration a fresh page shows: the three data paths side by side, so both switches have
 * a visible effect on first touch. vm1 sends on the emulated Intel 21140 NIC (512 B frames, well
 * under its 100 Mb/s), vm2 receives on the synthetic path (VMQ queue 1; VMQ off moves it to the
 * default queue on LP 0), vm3 receives on an SR-IOV VF (SR-IOV off sends it back to synthetic).
 */
export function defaultConfig(): SimConfig {
  return {
    vms: [
      { id: 'vm1', adapter: 'emulated', vcpus: 2 },
      { id: 'vm2', adapter: 'synthetic', vcpus: 2 },
      { id: 'vm3', adapter: 'sriov', vcpus: 2 },
    ],
    vmq: true,
    sriov: true,
    nic: { vmqQueues: 8, vfCount: 8, linkGbps: 10 },
    logicalProcessors: 8,
    flows: [
      { id: 'f1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 512, ratePps: 20_000 },
      { id: 'f2', direction: 'external-to-vm', vm: 'vm2', protocol: 'udp', packetBytes: 1500, ratePps: 50_000 },
      { id: 'f3', direction: 'external-to-vm', vm: 'vm3', protocol: 'udp', packetBytes: 1500, ratePps: 50_000 },
    ],
    extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false },
    faults: [],
  };
}

/** Deep copy of a configuration (plain JSON data). */
export function cloneConfig(c: SimConfig): SimConfig {
  return JSON.parse(JSON.stringify(c)) as SimConfig;
}

/** `count` VMs `vm1…vmN` with the given adapter(s) (a list is cycled). */
export function makeVms(count: number, adapters: SimConfig['vms'][number]['adapter'] | SimConfig['vms'][number]['adapter'][], vcpus = 2): SimConfig['vms'] {
  const list = Array.isArray(adapters) ? adapters : [adapters];
  return Array.from({ length: count }, (_, i) => ({ id: `vm${i + 1}` as VmId, adapter: list[i % list.length] ?? 'synthetic', vcpus }));
}

/** Shallow-merge a partial configuration over a base (nested `nic` and `extensions` merged too). */
export function mergeConfig(base: SimConfig, patch: Partial<SimConfig>): SimConfig {
  const c = cloneConfig(base);
  const p = JSON.parse(JSON.stringify(patch)) as Partial<SimConfig>;
  return {
    ...c,
    ...p,
    nic: { ...c.nic, ...(p.nic ?? {}) },
    extensions: { ...c.extensions, ...(p.extensions ?? {}) },
  };
}
