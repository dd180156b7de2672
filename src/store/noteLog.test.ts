import { beforeEach, describe, expect, it } from 'vitest';
import type { VmId } from '../engine/types';
import { logNotes, logPendingSteps, MAX_LOGGED, noteEntry, resetNoteLog, useNoteLog } from './noteLog';
import type { PendingEffect } from './pending';

const pend = (vm: string, step: PendingEffect['step']): PendingEffect => ({ vm: vm as VmId, step, componentId: `${vm}.vf`, target: 'sriov', last: null });

describe('the run’s note log', () => {
  beforeEach(() => resetNoteLog());

  it('keeps because notes once each, oldest first', () => {
    const a = noteEntry({ id: 1, atNs: 100, componentId: 'vm3.netvsc', key: 'because.vfFallback', params: { vm: 'vm3', lp: 2 } });
    const b = noteEntry({ id: 2, atNs: 200, componentId: 'nic.queue.default', key: 'because.vmqOff', params: { count: 2, lp: 0 } });
    logNotes([a]);
    logNotes([a, b]);
    expect(useNoteLog.getState().entries.map((e) => e.id)).toEqual(['n:1', 'n:2']);
  });

  it('logs a pending step when a VM starts waiting for it, not again while it waits', () => {
    logPendingSteps([], [pend('vm3', 'vfBringUp')], 10);
    logPendingSteps([pend('vm3', 'vfBringUp')], [pend('vm3', 'vfBringUp')], 20);
    logPendingSteps([pend('vm3', 'vfBringUp')], [pend('vm3', 'vpciOffer')], 30);
    const e = useNoteLog.getState().entries;
    expect(e.map((x) => `${x.kind} ${x.params.step} @${x.atNs}`)).toEqual(['pending vfBringUp @10', 'pending vpciOffer @30']);
    expect(e[0]?.key).toBe('pending.cue');
  });

  it('is bounded and starts over on a restart', () => {
    logNotes(Array.from({ length: MAX_LOGGED + 5 }, (_, i) => noteEntry({ id: i, atNs: i, componentId: 'nic', key: 'because.linkDown', params: {} })));
    expect(useNoteLog.getState().entries).toHaveLength(MAX_LOGGED);
    expect(useNoteLog.getState().entries[0]?.id).toBe('n:5');
    resetNoteLog();
    expect(useNoteLog.getState().entries).toEqual([]);
  });
});
