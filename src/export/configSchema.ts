/**
 * zod schemas for what a scenario file holds besides the configuration: timed configuration
 * changes and a lesson position. Built from the engine's own configuration schema
 * (`simConfigSchema` in `src/engine/configSchema.ts`), so a flow or an extension set inside a change is
 * checked by exactly the rules the engine applies to a configuration.
 */
import { z } from '../engine/zod';
import { adapterSchema as adapter, extensionsSchema, flowsSchema, untimedFaultSchema, vmIdSchema as vmId, vmNicSettingsSchema } from '../engine/configSchema';

/** Simulated time, ns: a whole number ≥ 0 that stays exact in a double. */
const timeNs = z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

export const configChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('set-vmq'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('set-sriov'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('set-vrss'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('set-vmmq'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('set-vm-nic'), vm: vmId, settings: vmNicSettingsSchema }),
  z.strictObject({ kind: z.literal('set-adapter'), vm: vmId, adapter }),
  z.strictObject({ kind: z.literal('add-vm'), adapter }),
  z.strictObject({ kind: z.literal('remove-vm'), vm: vmId }),
  z.strictObject({ kind: z.literal('set-flows'), flows: flowsSchema }),
  z.strictObject({ kind: z.literal('set-extensions'), extensions: extensionsSchema }),
  z.strictObject({ kind: z.literal('fault'), fault: untimedFaultSchema }),
]);

export const timedChangeSchema = z.strictObject({ atNs: timeNs, change: configChangeSchema });

export const lessonPositionSchema = z.strictObject({
  lessonId: z.string().check(z.minLength(1), z.maxLength(100)),
  step: z.number().check(z.int(), z.gte(0), z.lte(10_000)),
});
