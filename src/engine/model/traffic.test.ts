import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('traffic: flows, replies, retransmission', () => {
  it('answers each TCP-like request once and keeps the accounting balanced', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1', { protocol: 'tcp' })];
    const { sim } = runCollect(c, 3_000_000);
    const a = sim.metrics().accounting;
    expect(a.sent).toBe(a.delivered + a.dropped + a.inFlight);
    expect(sim.metrics().perPath.synthetic.packets).toBeGreaterThan(0);
  });

  it('sends nothing before the VM can carry data', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1')];
    const { events } = runCollect(c, 100_000);
    expect(events.some((e) => e.kind === 'send')).toBe(false);
  });
});
