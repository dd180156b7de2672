import { describe, expect, it } from 'vitest';
import { cost } from '../costs';
import { hopsOf, runCollect } from '../testkit';
import { flow, host } from './fixtures';
import { H12_TOTAL_NS } from './intercepts';

describe('intercepts: a register access is a VM exit, an intercept message, VMWP, resume', () => {
  it('H12_TOTAL_NS is the H12 row and its split adds up to it', () => {
    expect(H12_TOTAL_NS).toBe(cost('H12').latencyNs);
    expect(['H12a', 'H12b', 'H12c', 'H12d', 'H12e'].reduce((t, id) => t + cost(id).latencyNs, 0)).toBe(H12_TOTAL_NS);
  });

  it('an emulated send traps on CSR1 and resumes the VP through HvCallSetVpRegisters', () => {
    const c = host(['emulated']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 2_000 })];
    const { events } = runCollect(c, 3_000_000);
    const p = events.find((e) => e.kind === 'send')!.packet!;
    const hops = hopsOf(events, p);
    expect(hops.slice(2, 6)).toEqual(['vmexit vm1.legacy>hv', 'hop hv>root.vid', 'hop root.vid>root.vmwp.vm1', 'hypercall root.vmwp.vm1>hv']);
    expect(events.some((e) => e.packet === p && e.detail === 'VP resumes (VM entry)')).toBe(true);
  });
});
