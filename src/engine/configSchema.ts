/**
 * Validation (zod) of a configuration at the boundary: a URL, a file, a message, the CLI. The hot
 * loop never re-validates. Error paths are spelled the way a user reads them: `vms[2].adapter`,
 * `nic.linkGbps`.
 *
 * Apart from config.ts (defaults and merge helpers), and not re-exported by the engine's index,
 * so that zod stays out of a fresh page's first paint: the page imports this module only when it
 * has outside input to check (src/store/urlParse.ts, scenario files, embedding messages).
 */
import { z } from './zod';
import type { SimConfig, VmId } from './types';
import { formatPath, LINK_SPEEDS_GBPS, MAX_RATE_PPS, MAX_VMS, type ParseResult } from './config';

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

/**
 * Validate unknown input (JSON from a file, a URL, a message) into a SimConfig. Never throws.
 * Each error names the bad field, e.g. `{ path: 'vms[2].adapter', message: ... }`.
 */
export function parseConfig(input: unknown): ParseResult {
  const r = simConfigSchema.safeParse(input);
  if (r.success) return { ok: true, config: r.data as SimConfig };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

