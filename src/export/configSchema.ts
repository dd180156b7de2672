/**
 * zod schemas for what a scenario file holds besides the configuration: timed configuration
 * changes and a lesson position. Built from the engine's own configuration schema
 * (`simConfigSchema` in `src/engine/config.ts`), so a flow or an extension set inside a change is
 * checked by exactly the rules the engine applies to a configuration.
 */
import { z } from 'zod';
import { simConfigSchema } from '../engine/config';

const shape = simConfigSchema.shape;
const vmId = shape.vms.element.shape.id;
const adapter = shape.vms.element.shape.adapter;
/** Simulated time, ns: a whole number ≥ 0 that stays exact in a double. */
const timeNs = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const configChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('set-vmq'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('set-sriov'), on: z.boolean() }),
  z.strictObject({ kind: z.literal('set-adapter'), vm: vmId, adapter }),
  z.strictObject({ kind: z.literal('add-vm'), adapter }),
  z.strictObject({ kind: z.literal('remove-vm'), vm: vmId }),
  z.strictObject({ kind: z.literal('set-flows'), flows: shape.flows }),
  z.strictObject({ kind: z.literal('set-extensions'), extensions: shape.extensions }),
  z.strictObject({ kind: z.literal('fault'), fault: shape.faults.element.omit({ atNs: true }) }),
]);

export const timedChangeSchema = z.strictObject({ atNs: timeNs, change: configChangeSchema });

export const lessonPositionSchema = z.strictObject({
  lessonId: z.string().min(1).max(100),
  step: z.number().int().min(0).max(10_000),
});
