import { describe, expect, it } from 'vitest';
import { controlMessages, runCollect } from '../testkit';
import { host } from './fixtures';
import { VMBUS_VERSION } from './vmbus-channel';

describe('vmbus-channel: connect, offer, GPADL, open, rescind', () => {
  const { events, sim } = runCollect(host(['synthetic']), 1_000_000);

  it('connects, then offers, describes and opens the NIC channel in order', () => {
    expect(controlMessages(events, 'vm1').slice(0, 9)).toEqual(['INITIATE_CONTACT', 'VERSION_RESPONSE', 'REQUESTOFFERS', 'OFFERCHANNEL', 'ALLOFFERS_DELIVERED', 'GPADL_HEADER', 'GPADL_CREATED', 'OPENCHANNEL', 'OPENCHANNEL_RESULT']);
    expect(events.find((e) => e.detail === 'INITIATE_CONTACT')?.note).toContain(`version ${VMBUS_VERSION}`);
    expect(sim.snapshot().vms[0]?.channel).toBe('open');
  });

  it('rescinds the channel when the adapter becomes emulated', () => {
    sim.apply({ kind: 'set-adapter', vm: 'vm1', adapter: 'emulated' });
    const after: string[] = [];
    sim.subscribe((e) => e.path === 'control' && e.kind === 'hop' && after.push(e.detail));
    sim.runUntil(3_000_000);
    expect(after).toContain('RESCIND_CHANNELOFFER');
    expect(after.indexOf('RELID_RELEASED')).toBeGreaterThan(after.indexOf('RESCIND_CHANNELOFFER'));
    expect(sim.snapshot().vms[0]?.channel).toBe('closed');
  });
});

describe('vmbus-channel: the host era is said (fidelity audit D25)', () => {
  it('VERSION_RESPONSE names a WS2022-era host whose data path is modelled as in WS2012', () => {
    const { events } = runCollect(host(['synthetic']), 500_000);
    expect(events.find((e) => e.detail === 'VERSION_RESPONSE')?.note).toMatch(/Windows Server 2022-era host .* modelled as in WS2012: no vRSS\/VMMQ, RSC, LSO or dynamic VMQ/);
  });
});
