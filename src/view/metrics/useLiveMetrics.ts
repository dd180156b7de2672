/**
 * Live data for the metrics panel. Two feeds, neither per React render:
 * - a poll of `engineQueries.metrics()` (shared per refresh) about 3 times a second (wall time), into `MetricsSeries`;
 * - a subscription to the running simulation's events (send/deliver/drop only), into
 *   `LatencySamples`, so no event is missed whether time advances by frames, steps, seeks or
 *   automation. The subscription follows `host.sim` when a load or replay replaces it.
 * React re-renders at the poll rate, and only when something changed.
 */
import { useEffect, useRef, useState } from 'react';
import type { Metrics, Simulation, TraceEvent } from '../../engine/types';
import { host } from '../../store/engineHost';
import { metrics as engineMetrics } from '../../store/engineQueries';
import { onFrame, selectors, useSim } from '../../store/simStore';
import { LatencySamples, MetricsSeries } from './series';

export const POLL_MS = 330;

export interface LiveMetrics {
  series: MetricsSeries;
  latency: LatencySamples;
  metrics: Metrics | null;
  /** Changes whenever the data changed (memo key). */
  version: number;
}

export function useLiveMetrics(active = true): LiveMetrics {
  const series = useRef(new MetricsSeries(120)).current;
  const latency = useRef(new LatencySamples(2000)).current;
  const [state, setState] = useState<{ metrics: Metrics | null; version: number }>({ metrics: null, version: 0 });
  const runId = useSim(selectors.runId);
  // The run and simulation the samples were last seeded for: a new run and a new simulation
  // usually come together (and on mount both effects below see them), and seeding reads the whole
  // event log (up to 50,000 events), so it is done once for each.
  const seeded = useRef<{ sim: Simulation | undefined; runId: number } | null>(null);
  const seedOnce = (run: number) => {
    if (seeded.current && seeded.current.sim === host.sim && seeded.current.runId === run) return;
    seeded.current = { sim: host.sim, runId: run };
    seedLatency(latency);
  };
  const seedRef = useRef(seedOnce);
  seedRef.current = seedOnce;
  const runIdRef = useRef(runId);
  runIdRef.current = runId;

  // A new run (load, reset, seek back): drop what belongs to the old one, and take up the packets
  // already on their way from the event log (see seedLatency).
  useEffect(() => {
    series.clear();
    seedRef.current(runId);
  }, [runId, series, latency]);

  useEffect(() => {
    if (!active) return;
    let attached: Simulation | null = null;
    let off: (() => void) | null = null;
    const one: TraceEvent[] = [];
    const attach = () => {
      if (host.sim === attached) return;
      off?.();
      attached = host.sim ?? null;
      if (attached) seedRef.current(runIdRef.current);
      off = attached
        ? attached.subscribe((e) => {
            if (e.kind !== 'send' && e.kind !== 'deliver' && e.kind !== 'drop') return;
            one[0] = e;
            latency.add(one);
          })
        : null;
    };
    attach();
    const offFrame = onFrame(attach);
    let lastVersion = -1;
    const poll = () => {
      attach();
      const m = engineMetrics();
      if (!m) return; // no simulation, or a disposed one between two runs: next poll
      series.push(m);
      const v = series.version * 100_003 + latency.version;
      if (v !== lastVersion) {
        lastVersion = v;
        setState({ metrics: m, version: v });
      }
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      clearInterval(timer);
      offFrame();
      off?.();
    };
  }, [active, series, latency]);

  return { series, latency, metrics: state.metrics, version: state.version };
}

/**
 * Start the latency samples from what the event log already holds, so a packet sent before the
 * panel opened still gets its sample when it is delivered. Without this, a path whose latency is
 * longer than the time the panel has been open (the emulated NIC under load: packets wait
 * hundreds of µs in the worker process's queue) would show no samples at all.
 */
function seedLatency(latency: LatencySamples) {
  latency.clear();
  const log = host.log;
  const events: TraceEvent[] = [];
  for (let i = 0; i < log.length; i++) {
    const e = log.at(i);
    if (e && (e.kind === 'send' || e.kind === 'deliver' || e.kind === 'drop')) events.push(e);
  }
  latency.add(events);
}
