import { describe, expect, it } from 'vitest';
import { controlMessages, runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('netvsc: NVSP and RNDIS bring-up, receive completions', () => {
  it('negotiates NVSP, shares its buffers and ends RNDIS with the packet filter, then is ready', () => {
    const { events, sim } = runCollect(host(['synthetic']), 1_000_000);
    const m = controlMessages(events, 'vm1');
    expect(m.indexOf('NVSP_INIT')).toBeLessThan(m.indexOf('SEND_RECV_BUF'));
    expect(m.indexOf('SEND_RECV_BUF')).toBeLessThan(m.indexOf('SEND_SEND_BUF'));
    expect(m[m.length - 1]).toBe('RNDIS_SET_CMPLT:OID_GEN_CURRENT_PACKET_FILTER');
    expect(sim.snapshot().vms[0]?.nvsp).toBe('ready');
  });

  it('writes receive completions back through the out ring, batched', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1', { ratePps: 200_000 })];
    const { events } = runCollect(c, 2_000_000);
    const comps = events.filter((e) => e.from === 'vm1.netvsc' && e.to === 'vm1.vmbus.out' && e.detail.includes('(108)'));
    expect(comps.length).toBeGreaterThan(0);
    expect(comps.some((e) => /^\d+ completions? \(trans_id of each transfer-page packet\)$/.test(e.note ?? ''))).toBe(true);
  });
});
