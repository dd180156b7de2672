import { describe, expect, it } from 'vitest';
import type { RingState, VmState } from '../engine/types';
import { MAX_NOTES_PER_CHANGE, routeNotes, type RouteView } from './becauseNotes';

const ring: RingState = { sizeBytes: 520_192, usedBytes: 0, writeIndex: 0, readIndex: 0, interruptMask: false, pendingSendSz: 0, packets: 0 };
const vm = (n: number, o: Partial<VmState> = {}): VmState => ({
  id: `vm${n}`, adapter: 'synthetic', activePath: 'synthetic', channel: 'open', nvsp: 'ready', out: ring, in: ring,
  vmqQueue: null, rxLp: 0, vf: null, iommuMappings: [], mac: `00:15:5d:00:00:0${n}`, ip: `10.0.0.${n}`, ...o,
});
const view = (vms: VmState[], o: Partial<RouteView> = {}): RouteView => ({ vmq: false, vms, vfAssignments: [], linkUp: true, ...o });

describe('routeNotes', () => {
  it('says nothing when nothing changed', () => {
    expect(routeNotes(view([vm(1)]), view([vm(1)]))).toEqual([]);
  });

  it('VMQ on: the queue, the MAC and the LP', () => {
    const notes = routeNotes(view([vm(1)]), view([vm(1, { vmqQueue: 2, rxLp: 3 })], { vmq: true }));
    expect(notes).toEqual([
      { componentId: 'nic.queue.2', key: 'because.vmqQueue', params: { vm: 'vm1', mac: '00:15:5d:00:00:01', queue: 2, lp: 3 } },
    ]);
  });

  it('VMQ off: all receive work on the default queue LP, one note for many VMs', () => {
    const prev = view([vm(1, { vmqQueue: 1, rxLp: 1 }), vm(2, { vmqQueue: 2, rxLp: 2 })], { vmq: true });
    const notes = routeNotes(prev, view([vm(1), vm(2)]));
    expect(notes).toEqual([{ componentId: 'nic.queue.default', key: 'because.vmqOff', params: { count: 2, lp: 0 } }]);
  });

  it('queues ran out: the VM shares the default queue', () => {
    const notes = routeNotes(view([vm(1, { vmqQueue: 1 })], { vmq: true }), view([vm(1)], { vmq: true }));
    expect(notes[0]).toMatchObject({ key: 'because.vmqNoQueue', componentId: 'nic.queue.default' });
  });

  it('a VF takes over, then falls back', () => {
    const on = routeNotes(view([vm(1)]), view([vm(1, { activePath: 'sriov', vf: 1 })]));
    expect(on).toEqual([{ componentId: 'nic.vf.1', key: 'because.viaVf', params: { vm: 'vm1', vf: 1 } }]);
    const off = routeNotes(view([vm(1, { activePath: 'sriov', vf: 1 })]), view([vm(1, { rxLp: 2 })]));
    expect(off).toEqual([{ componentId: 'vm1.netvsc', key: 'because.vfFallback', params: { vm: 'vm1', lp: 2 } }]);
  });

  it('emulated and back to synthetic', () => {
    expect(routeNotes(view([vm(1)]), view([vm(1, { activePath: 'emulated' })]))[0]).toMatchObject({ componentId: 'vm1.legacy', key: 'because.viaEmulated' });
    expect(routeNotes(view([vm(1, { activePath: 'emulated' })]), view([vm(1)]))[0]).toMatchObject({ componentId: 'vm1.netvsc', key: 'because.viaSynthetic' });
  });

  it('link state', () => {
    expect(routeNotes(view([vm(1)]), view([vm(1)], { linkUp: false }))).toEqual([{ componentId: 'nic', key: 'because.linkDown', params: {} }]);
  });

  it('caps the number of notes', () => {
    const many = Array.from({ length: 20 }, (_, i) => vm(i + 1));
    const notes = routeNotes(view(many), view(many.map((v, i) => ({ ...v, vmqQueue: i + 1, rxLp: i % 4 })), { vmq: true }));
    expect(notes).toHaveLength(MAX_NOTES_PER_CHANGE);
    expect(notes.at(-1)).toMatchObject({ key: 'because.more', params: { count: 20 - (MAX_NOTES_PER_CHANGE - 1) } });
  });
});

describe('port policy notes (issue 11)', () => {
  it('says when a VM with a port policy moves onto its VF (bypass) and back', async () => {
    const { routeNotes } = await import('./becauseNotes');
    const base = { id: 'vm3', adapter: 'sriov', channel: 'open', nvsp: 'ready', vmqQueue: null, rxLp: 0, vf: 1, iommuMappings: [], mac: 'm', ip: 'i' } as unknown as import('../engine/types').VmState;
    const v = (activePath: 'synthetic' | 'sriov') => ({ vmq: false, vms: [{ ...base, activePath }], vfAssignments: [], linkUp: true, policyVms: ['vm3'] });
    expect(routeNotes(v('synthetic'), v('sriov')).find((n) => n.key === 'because.portBypass')).toEqual({ componentId: 'root.netvsp.vm3', key: 'because.portBypass', params: { vm: 'vm3' } });
    expect(routeNotes(v('sriov'), v('synthetic')).some((n) => n.key === 'because.portApplies')).toBe(true);
    expect(routeNotes({ ...v('synthetic'), policyVms: [] }, { ...v('sriov'), policyVms: [] }).some((n) => n.key.startsWith('because.port'))).toBe(false);
  });
});
