/**
 * The live overload report (src/analysis/overload.ts) for the view: one poll of the engine's
 * metrics about three times a second of wall time (paused too: the configuration checks answer
 * at once), published into `overloadState.ts` only when something visible changed. Diagram nodes
 * read the bottleneck aimed at them by id; the note and the flow table read the whole report.
 */
import { useEffect } from 'react';
import { OverloadTracker, type Bottleneck, type OverloadReport } from '../../analysis/overload';
import { useOverload } from './overloadState';
import { metrics as engineMetrics } from '../../store/engineQueries';
import { useSim } from '../../store/simStore';

export const OVERLOAD_POLL_MS = 330;

/** A stable text of what the view shows, so a poll that changes nothing publishes nothing. */
function signature(r: OverloadReport): string {
  const b = r.bottlenecks.map((x) => `${x.kind}:${x.componentId}:${x.direction ?? ''}:${Math.round(x.utilisation * 100)}:${x.drops ?? ''}:${(x.rxVms ?? []).join(',')}`).join('|');
  const f = r.flows.map((x) => `${x.id}:${x.offeredPps}:${x.deliveredPps === null ? '-' : Math.round(x.deliveredPps / 100)}`).join('|');
  return `${b}#${f}`;
}

let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let tracker = new OverloadTracker();
let lastSig = '';
let lastRun = -1;

function poll() {
  const s = useSim.getState();
  if (s.runId !== lastRun) {
    lastRun = s.runId;
    tracker = new OverloadTracker();
  }
  const m = engineMetrics();
  if (m) tracker.push(m);
  const report = tracker.report(s.config, s.live.vms, m);
  const sig = signature(report);
  if (sig === lastSig) return;
  lastSig = sig;
  const byComponent: Record<string, Bottleneck> = {};
  for (const b of report.bottlenecks) byComponent[b.componentId] ??= b;
  useOverload.setState({ report, byComponent });
}

/** Keep the report fresh while a component that shows it is mounted (shared by all of them). */
export function useOverloadWatch(): void {
  useEffect(() => {
    users++;
    if (users === 1) {
      poll();
      timer = setInterval(poll, OVERLOAD_POLL_MS);
    }
    // A changed configuration (flows, adapters) answers at once, not at the next poll.
    const off = useSim.subscribe((s, p) => {
      if (s.config !== p.config || s.runId !== p.runId) poll();
    });
    return () => {
      off();
      users--;
      if (users === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
}
