/**
 * Helpers for the engine's own tests and for scripts that check the model (pure, no test runner
 * imports): run a configuration and collect its trace, hash a trace, list a packet's hops.
 */
import { createSimulation } from './simulation';
import type { SimConfig, Simulation, TraceEvent } from './types';

export interface Run {
  sim: Simulation;
  events: TraceEvent[];
}

/** Run `config` until `untilNs`, collecting every trace event through subscribe(). */
export function runCollect(config: SimConfig, untilNs: number, seed = 1, stepNs = untilNs): Run {
  const sim = createSimulation(config, { seed });
  // Events emitted while the simulation was created (t = 0 management steps) are in the ring.
  const events: TraceEvent[] = [...sim.snapshot().events];
  sim.subscribe((e) => events.push(e));
  for (let t = stepNs; t <= untilNs; t += stepNs) sim.runUntil(t);
  if (sim.now() < untilNs) sim.runUntil(untilNs);
  return { sim, events };
}

/** FNV-1a (32-bit) of a string, hex. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `kind from>to` of a packet's events, in order, optionally filtered by kind. */
export function hopsOf(events: readonly TraceEvent[], packet: number, kinds: readonly TraceEvent['kind'][] = ['send', 'hop', 'copy', 'dma', 'hypercall', 'interrupt', 'vmexit', 'deliver', 'drop']): string[] {
  return events.filter((e) => e.packet === packet && kinds.includes(e.kind)).map((e) => `${e.kind} ${e.from}>${e.to}`);
}

/** Message names of a VM's control messages (VMBus, NVSP, RNDIS, vPCI), one per message, in order. */
export function controlMessages(events: readonly TraceEvent[], vm: string): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  for (const e of events) {
    if (e.path !== 'control' || e.kind !== 'hop' || e.vm !== vm || e.packet === null || seen.has(e.packet)) continue;
    if (!/^[A-Z][A-Z0-9_]*(:[A-Z0-9_]+)?( completion)?$/.test(e.detail)) continue;
    seen.add(e.packet);
    out.push(e.detail);
  }
  return out;
}

/** Management steps (config events) of a VM, in order. */
export function configSteps(events: readonly TraceEvent[], vm: string | null): string[] {
  return events.filter((e) => e.kind === 'config' && (vm === null || e.vm === vm)).map((e) => e.detail);
}
