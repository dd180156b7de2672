/**
 * The run's notes, kept after they leave the diagram: every "because" note and every pending step
 * a VM waited for, with its simulated time, for the event log's note list. The diagram shows a
 * note for NOTE_LIFETIME_MS and at most a few at once; here they stay readable until the run
 * restarts (or MAX_LOGGED newer ones push them out).
 *
 * Pure bookkeeping in its own small store, fed by `simStore` (notes on add and on a replayed
 * restart, pending steps when they first appear).
 */
import { create } from 'zustand';
import type { PendingEffect } from './pending';

export const MAX_LOGGED = 200;

export interface LoggedNote {
  /** Unique in the run: `n:<note id>` or `p:<vm>:<step>:<t>`. */
  id: string;
  kind: 'because' | 'pending';
  atNs: number;
  componentId: string;
  /** i18n key (`because.*`; `pending.cue` with `params.step` a key under `pending.step`). */
  key: string;
  params: Record<string, string | number>;
}

export const useNoteLog = create<{ entries: LoggedNote[] }>()(() => ({ entries: [] }));

const keep = (list: LoggedNote[]) => (list.length > MAX_LOGGED ? list.slice(-MAX_LOGGED) : list);

/** Append entries (oldest first); an id already logged is not repeated. */
export function logNotes(entries: readonly LoggedNote[]) {
  if (!entries.length) return;
  useNoteLog.setState((s) => {
    const have = new Set(s.entries.map((e) => e.id));
    const fresh = entries.filter((e) => !have.has(e.id));
    return fresh.length ? { entries: keep([...s.entries, ...fresh]) } : s;
  });
}

/** Start over with `entries` (a restart replays the notes of the moment it lands on). */
export function resetNoteLog(entries: readonly LoggedNote[] = []) {
  useNoteLog.setState({ entries: keep([...entries]) });
}

/** Log the steps in `next` that `prev` did not have (a VM starts waiting for a new step). */
export function logPendingSteps(prev: readonly PendingEffect[], next: readonly PendingEffect[], atNs: number) {
  const had = new Set(prev.map((p) => `${p.vm}:${p.step}`));
  logNotes(
    next
      .filter((p) => !had.has(`${p.vm}:${p.step}`))
      .map((p) => ({ id: `p:${p.vm}:${p.step}:${atNs}`, kind: 'pending' as const, atNs, componentId: p.componentId, key: 'pending.cue', params: { vm: p.vm, step: p.step } })),
  );
}

/** The log entry of a because-note. */
export const noteEntry = (n: { id: number; atNs: number; componentId: string; key: string; params: Record<string, string | number> }): LoggedNote => ({
  id: `n:${n.id}`,
  kind: 'because',
  atNs: n.atNs,
  componentId: n.componentId,
  key: n.key,
  params: n.params,
});
