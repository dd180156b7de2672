/**
 * The engine's entry point: `createSimulation(config, { seed })`. The kernel (the clock, the
 * queue, the movers, the one interpreter loop, the trace ring) is core/kernel.ts; the Hyper-V
 * components are model/*.ts, bound together by model/host.ts; read-only projections are views/.
 * See README.md beside this file for the map from Hyper-V concepts to files.
 */
import { Host } from './model/host';
import type { SimConfig, Simulation, SimulationOptions } from './types';

export { Host as Engine } from './model/host';
export { createInFlightBuffer } from './views/inflight';

/** Create a simulation. Never reads the wall clock; same config + seed ⇒ the same trace. */
export function createSimulation(config: SimConfig, options: SimulationOptions): Simulation {
  return new Host(config, options);
}
