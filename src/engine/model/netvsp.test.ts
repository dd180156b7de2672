import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('netvsp: drains the out ring, forwards to the vSwitch, completes sends', () => {
  const c = host(['synthetic']);
  c.flows = [flow('tx', 'vm-to-external', 'vm1', { ratePps: 200_000 })];
  const { events } = runCollect(c, 2_000_000);

  it('hands each sent frame from its ring to the vSwitch protocol edge', () => {
    const p = events.find((e) => e.kind === 'send')!.packet;
    const legs = events.filter((e) => e.packet === p && e.from.startsWith('root.netvsp')).map((e) => `${e.from}>${e.to}`);
    expect(legs).toContain('root.netvsp.vm1>root.vswitch');
  });

  it('writes NVSP 108 send completions into the in ring, one entry per batch', () => {
    const comps = events.filter((e) => e.from === 'root.netvsp.vm1' && e.to === 'vm1.vmbus.in' && e.detail.includes('(108)'));
    expect(comps.length).toBeGreaterThan(0);
    const sent = events.filter((e) => e.kind === 'send').length;
    expect(comps.length).toBeLessThan(sent);
  });
});
