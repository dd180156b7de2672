/**
 * Headless replays for exports: a simulation is a pure function of (configuration, seed, timed
 * changes), so an export that needs the whole run (the JSONL trace, a capture) rebuilds it from
 * t = 0 instead of relying on the app's bounded event log.
 *
 * The run is cut into slices of simulated time, each kept near a wall-clock budget, with a yield
 * between slices so a page stays responsive; progress and cancellation are reported. Changes are
 * applied exactly as the app's engine host does (`runUntil(atNs)`, then `apply`), so the replay
 * produces the same events as the live run.
 *
 * Pure: the simulation factory, the clock and the yield are injected (no DOM, no Node APIs).
 */
import type { ConfigChange, SimConfig, Simulation, SimulationOptions, TraceEvent } from '../engine/types';

export type SimulationFactory = (config: SimConfig, options: SimulationOptions) => Simulation;

export interface ReplayPlan {
  config: SimConfig;
  seed: number;
  /** Changes with their simulated time, in time order. */
  changes?: readonly { atNs: number; change: ConfigChange }[];
  /** Run until this simulated time (inclusive), ns. */
  untilNs: number;
}

export interface ReplayOptions {
  /** Called for every event, with the simulation (to look up a packet while it is tracked). */
  onEvent?: (e: TraceEvent, sim: Simulation) => void;
  /** Fraction done (0…1) after each slice. */
  onProgress?: (fraction: number) => void;
  /** Stop early (returns `cancelled`). */
  signal?: { readonly aborted: boolean };
  /** Stop early when this returns true after a slice (e.g. an output limit reached). */
  stopWhen?: () => boolean;
  /** Wall time per slice before yielding, ms (default 25). */
  budgetMs?: number;
  /** Lets the page breathe between slices; default: none (synchronous run). */
  yieldFn?: () => Promise<void>;
  /** Wall clock in ms (default `Date.now`). */
  clock?: () => number;
}

export interface ReplayResult {
  sim: Simulation;
  status: 'done' | 'cancelled' | 'stopped';
  /** Simulated time reached, ns. */
  reachedNs: number;
}

/**
 * Run the plan. The returned simulation is still open: the caller reads metrics and disposes it.
 * Stops at `untilNs`, or earlier when cancelled or `stopWhen()` holds.
 */
export async function replay(create: SimulationFactory, plan: ReplayPlan, opts: ReplayOptions = {}): Promise<ReplayResult> {
  const sim = create(plan.config, { seed: plan.seed });
  // Events emitted while the simulation was built (start-up steps at t = 0) are only in its
  // snapshot buffer: deliver them first, then subscribe, with no run in between.
  if (opts.onEvent) for (const e of sim.snapshot().events) opts.onEvent(e, sim);
  const unsubscribe = opts.onEvent ? sim.subscribe((e) => opts.onEvent!(e, sim)) : () => {};
  try {
    const status = await runChunked(sim, plan.untilNs, plan.changes ?? [], opts);
    return { sim, status, reachedNs: sim.now() };
  } finally {
    unsubscribe();
  }
}

/**
 * Advance an existing simulation to `untilNs` in wall-clock-budgeted slices, applying `changes`
 * at their times, yielding between slices. Progress is measured from the time it started at.
 */
export async function runChunked(
  sim: Simulation,
  untilNs: number,
  allChanges: readonly { atNs: number; change: ConfigChange }[],
  opts: Omit<ReplayOptions, 'onEvent'> = {},
): Promise<ReplayResult['status']> {
  const clock = opts.clock ?? Date.now;
  const budget = opts.budgetMs ?? 25;
  const until = Math.max(0, Math.floor(untilNs));
  const from = sim.now();
  const changes = allChanges.filter((c) => c.atNs <= until && c.atNs >= from);
  let next = 0;
  let slice = 1_000; // simulated ns; adapted so each slice costs about `budget` ms
  while (true) {
    if (opts.signal?.aborted) return 'cancelled';
    if (opts.stopWhen?.()) return 'stopped';
    const started = clock();
    // Run slices until the budget is spent (at least one), applying changes at their times.
    do {
      const change = changes[next];
      const target = Math.min(until, sim.now() + slice, change ? change.atNs : Infinity);
      sim.runUntil(target);
      while (changes[next] && (changes[next] as { atNs: number }).atNs <= sim.now()) {
        sim.apply((changes[next] as { change: ConfigChange }).change);
        next++;
      }
      if (sim.now() >= until) break;
      const spent = clock() - started;
      if (spent < budget / 4) slice = Math.min(slice * 2, 1_000_000_000);
      else if (spent > budget) slice = Math.max(100, Math.floor(slice / 2));
    } while (clock() - started < budget && !opts.stopWhen?.());
    opts.onProgress?.(until <= from ? 1 : Math.min(1, (sim.now() - from) / (until - from)));
    if (sim.now() >= until && next >= changes.length) return 'done';
    if (opts.yieldFn) await opts.yieldFn();
  }
}

/** A yield that lets the browser paint and handle input (a macrotask, not a microtask). */
export function macrotaskYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
