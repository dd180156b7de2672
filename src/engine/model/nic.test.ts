import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';
import { nicQueueName } from './nic';

describe('nic: port, moderated receive queues, link faults', () => {
  it('names its queues', () => {
    expect([nicQueueName(0), nicQueueName(3)]).toEqual(['nic.queue.default', 'nic.queue.3']);
  });

  it('moderates interrupts: fewer MSI-X than received frames under load', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1', { ratePps: 500_000 })];
    const { events } = runCollect(c, 2_000_000);
    const frames = events.filter((e) => e.kind === 'send' && e.from === 'wire').length;
    const msix = events.filter((e) => e.kind === 'interrupt' && e.detail.startsWith('MSI-X (queue')).length;
    expect(msix).toBeGreaterThan(0);
    expect(msix).toBeLessThan(frames);
  });

  it('drops every frame at the port while the link is down', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1')];
    c.faults = [{ atNs: 900_000, kind: 'link-down' }];
    const { sim } = runCollect(c, 2_000_000);
    expect(sim.snapshot().linkUp).toBe(false);
    expect(sim.metrics().accounting.dropsByReason['link-down']).toBeGreaterThan(0);
  });
});
