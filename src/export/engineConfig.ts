/**
 * The engine's configuration check as a `ConfigValidator`: the engine's zod schema, with every
 * issue turned into a translatable problem (`problems.ts`). This is the validator the app uses.
 */
import { simConfigSchema } from '../engine/configSchema';
import type { SimConfig } from '../engine/types';
import { problemFromZod } from './problems';
import type { ConfigValidator } from './scenarioFile';

export const engineConfigValidator: ConfigValidator = (raw) => {
  const r = simConfigSchema.safeParse(raw);
  if (r.success) return { ok: true, config: r.data as SimConfig };
  return { ok: false, problems: r.error.issues.map((i) => problemFromZod(i, raw)) };
};
