import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulation, scenarioConfig } from '../engine';
import type { Simulation } from '../engine/types';
import { host } from './engineHost';
import { inFlightByVm, metrics, packetHistory, packetInfo, topology } from './engineQueries';

describe('engineQueries: the view reads the engine through one door', () => {
  const saved = host.sim;
  afterEach(() => {
    host.sim = saved;
  });

  it('computes metrics once per simulated instant, however many panels ask', () => {
    const sim = createSimulation(scenarioConfig('synthetic'), { seed: 1 });
    host.sim = sim;
    sim.runUntil(1_000_000);
    const spy = vi.spyOn(sim, 'metrics');
    const a = metrics();
    const b = metrics();
    expect(a).toBe(b);
    expect(spy).toHaveBeenCalledTimes(1);
    sim.runUntil(1_100_000);
    expect(metrics()).not.toBe(a);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(topology()?.components.length).toBeGreaterThan(0);
    expect(packetInfo(1e9)).toBeNull();
    expect(packetHistory(1e9)).toEqual([]);
  });

  it('counts the packets in flight per VM from the in-flight buffer', () => {
    const sim = createSimulation(scenarioConfig('synthetic'), { seed: 1 });
    host.sim = sim;
    sim.runUntil(300_000);
    sim.fillInFlight(host.inFlight);
    const per = inFlightByVm();
    const total = [...per.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(host.inFlight.count);
    for (const vm of per.keys()) expect(sim.config.vms.some((v) => v.id === vm)).toBe(true);
  });

  it('reads as nothing between runs (no simulation, or a disposed one that throws)', () => {
    host.sim = undefined as unknown as Simulation;
    expect(metrics()).toBeNull();
    host.sim = { now: () => 0, metrics: () => { throw new Error('disposed'); } } as unknown as Simulation;
    expect(metrics()).toBeNull();
  });
});
