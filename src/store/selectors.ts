import type { SimState } from './simStore';

/** Module-level selectors of the simulation store (stable identities, primitive or store-owned results). */
export const selectors = {
  playing: (s: SimState) => s.playing,
  speed: (s: SimState) => s.speed,
  simTimeNs: (s: SimState) => s.live.simTimeNs,
  accounting: (s: SimState) => s.live.accounting,
  config: (s: SimState) => s.config,
  vmq: (s: SimState) => s.config.vmq,
  sriov: (s: SimState) => s.config.sriov,
  vms: (s: SimState) => s.config.vms,
  liveVms: (s: SimState) => s.live.vms,
  selection: (s: SimState) => s.selection,
  notes: (s: SimState) => s.notes,
  issues: (s: SimState) => s.issues,
  logVersion: (s: SimState) => s.logVersion,
  runId: (s: SimState) => s.runId,
  linkUp: (s: SimState) => s.live.linkUp,
  extensions: (s: SimState) => s.config.extensions,
  flows: (s: SimState) => s.config.flows,
  scenario: (s: SimState) => s.scenario,
  pending: (s: SimState) => s.pending,
  effectNote: (s: SimState) => s.effectNote,
} as const;
