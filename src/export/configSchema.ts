/**
 * Structural zod schemas for what a scenario file holds: the simulation configuration
 * (`SimConfig`), timed configuration changes and a lesson position.
 *
 * Why here and not only the engine's `parseConfig`: a file can be wrong in many places at once,
 * and the user needs every problem with its path, in their language. zod reports all issues with
 * machine-readable codes (translated by `problems.ts`). The engine's `parseConfig` stays the
 * authority: a configuration that passes this schema is still run through it (cross-field rules
 * the engine owns). Ranges follow the comments of `src/engine/types.ts`.
 */
import { z } from 'zod';
import { ADAPTER_KINDS } from '../engine/types';
import { VM_ID_MESSAGE } from './problems';

const int = (min: number, max: number) => z.number().int().min(min).max(max);
/** Simulated time, ns: a whole number ≥ 0 that stays exact in a double. */
const timeNs = int(0, Number.MAX_SAFE_INTEGER);

export const vmIdSchema = z.string().regex(/^vm([1-9]|[1-5]\d|6[0-4])$/, { error: VM_ID_MESSAGE });
const protocolSchema = z.enum(['udp', 'icmp', 'tcp']);

export const flowSchema = z.object({
  id: z.string().min(1).max(64),
  direction: z.enum(['vm-to-external', 'external-to-vm', 'vm-to-vm']),
  vm: vmIdSchema,
  peerVm: vmIdSchema.optional(),
  protocol: protocolSchema,
  packetBytes: int(64, 9000),
  ratePps: z.number().positive().max(1e9),
  startNs: timeNs.optional(),
  stopNs: timeNs.optional(),
});

const dropRuleSchema = z.object({
  id: z.string().min(1).max(64),
  protocol: protocolSchema.optional(),
  dstPort: int(0, 65535).optional(),
  srcVm: vmIdSchema.optional(),
  dstVm: vmIdSchema.optional(),
});

export const extensionsSchema = z.object({
  capture: z.boolean(),
  filter: z.object({ enabled: z.boolean(), dropRules: z.array(dropRuleSchema).max(256) }),
  forwarding: z.boolean(),
});

const faultKindSchema = z.enum(['vf-remove', 'vf-add', 'link-down', 'link-up', 'ring-exhaust']);

export const faultSchema = z.object({
  atNs: timeNs,
  kind: faultKindSchema,
  vm: vmIdSchema.optional(),
  durationNs: timeNs.optional(),
});

const vmSchema = z.object({
  id: vmIdSchema,
  adapter: z.enum(ADAPTER_KINDS),
  vcpus: int(1, 8),
  vlan: int(1, 4094).optional(),
});

export const simConfigSchema = z.object({
  vms: z.array(vmSchema).min(1).max(64),
  vmq: z.boolean(),
  sriov: z.boolean(),
  nic: z.object({
    vmqQueues: int(0, 128),
    vfCount: int(0, 64),
    linkGbps: z.union([z.literal(0.1), z.literal(1), z.literal(10), z.literal(25), z.literal(40), z.literal(100)]),
  }),
  logicalProcessors: int(2, 64),
  flows: z.array(flowSchema).max(256),
  extensions: extensionsSchema,
  faults: z.array(faultSchema).max(1024),
});

export const configChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set-vmq'), on: z.boolean() }),
  z.object({ kind: z.literal('set-sriov'), on: z.boolean() }),
  z.object({ kind: z.literal('set-adapter'), vm: vmIdSchema, adapter: z.enum(ADAPTER_KINDS) }),
  z.object({ kind: z.literal('add-vm'), adapter: z.enum(ADAPTER_KINDS) }),
  z.object({ kind: z.literal('remove-vm'), vm: vmIdSchema }),
  z.object({ kind: z.literal('set-flows'), flows: z.array(flowSchema).max(256) }),
  z.object({ kind: z.literal('set-extensions'), extensions: extensionsSchema }),
  z.object({ kind: z.literal('fault'), fault: z.object({ kind: faultKindSchema, vm: vmIdSchema.optional(), durationNs: timeNs.optional() }) }),
]);

export const timedChangeSchema = z.object({ atNs: timeNs, change: configChangeSchema });

export const lessonPositionSchema = z.object({
  lessonId: z.string().min(1).max(100),
  step: int(0, 10_000),
});
