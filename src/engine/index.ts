/**
 * Public API of the simulation engine (pure TypeScript: no DOM, React, store or Node built-ins).
 */
export * from './types';
export { createSimulation, createInFlightBuffer } from './simulation';
export { defaultConfig, mergeConfig, cloneConfig, makeVms, formatPath, LINK_SPEEDS_GBPS, MAX_VMS, MAX_RATE_PPS } from './config';
// Validation is not re-exported here: import it from './configSchema' (it brings zod, see there).
export type { ConfigError, ParseResult } from './config';
export { COSTS, COST_TABLE, CYCLES_PER_NS, MODEL, cost, serializationNs } from './costs';
export type { CostRow, ChargedTo } from './costs';
export { buildTopology, vswitchChain, enabledExtensions, EXTENSION_ORDER } from './topology';
export { createPrng } from './core/prng';
export type { Prng } from './core/prng';
export { Scheduler } from './core/scheduler';
export { vmMac, vmIp, EXTERNAL_MAC, EXTERNAL_IP, encapsulation } from './packets';
export { SCENARIOS, scenarioConfig, STRESS_HOP_TIME_SCALE } from './scenarios';
export type { ScenarioInfo, ScenarioOptions, ScenarioName } from './scenarios';
