import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine';
import { dropPlace, limitOf, wireOffer, type ResourceLoad } from './limits';

const lp = (n: number, u: number): ResourceLoad => ({ kind: 'lp', id: `lp.${n}`, utilisation: u, lp: n });
const wire = (u: number): ResourceLoad => ({ kind: 'wire', id: 'wire', utilisation: u, direction: 'rx' });

describe('limitOf', () => {
  it('says none when everything sent was delivered, and still names the busiest resource', () => {
    const l = limitOf({ loads: [lp(0, 0.2), lp(4, 0.91), wire(0.7)], drops: {}, sent: 100, delivered: 99, backlogGrowth: 1 });
    expect(l.kind).toBe('none');
    expect(l.busiest?.id).toBe('lp.4');
  });

  it('names the saturated LP when the backlog grows', () => {
    const l = limitOf({ loads: [lp(0, 1), lp(1, 0.1), wire(0.73)], drops: {}, sent: 1188, delivered: 791, backlogGrowth: 397 });
    expect(l.kind).toBe('lp');
    expect(l.resource?.lp).toBe(0);
    expect(l.saturated.map((r) => r.id)).toEqual(['lp.0']);
  });

  it('prefers the inner resource when the wire is saturated too', () => {
    const emu: ResourceLoad = { kind: 'emulated-nic', id: 'vm1.legacy', utilisation: 0.92, vm: 'vm1', direction: 'rx' };
    const l = limitOf({ loads: [wire(0.92), emu, lp(0, 0.5)], drops: { 'legacy-rx-overrun': 360 }, sent: 2199, delivered: 110, backlogGrowth: 1700 });
    expect(l.kind).toBe('emulated-nic');
    expect(l.saturated).toHaveLength(2);
    expect(limitOf({ loads: [wire(1), lp(1, 0.4)], drops: {}, sent: 2400, delivered: 1637, backlogGrowth: 764 }).kind).toBe('wire');
  });

  it('falls back to the place that dropped when nothing is saturated', () => {
    const l = limitOf({ loads: [lp(0, 0.5)], drops: { 'ring-full': 3, 'filter-extension': 50 }, sent: 100, delivered: 47, backlogGrowth: 0 });
    expect(l.kind).toBe('ring');
    expect(l.dropReason).toBe('ring-full');
    expect(dropPlace('nic-queue-full')).toBe('queue');
    expect(dropPlace('filter-extension')).toBeNull();
  });
});

describe('wireOffer', () => {
  it('counts frames per direction, replies of request/response flows included', () => {
    const c = defaultConfig();
    c.flows = [
      { id: 'a', direction: 'external-to-vm', vm: 'vm2', protocol: 'udp', packetBytes: 1500, ratePps: 1_000_000 },
      { id: 'b', direction: 'vm-to-external', vm: 'vm1', protocol: 'tcp', packetBytes: 512, ratePps: 10_000 },
      { id: 'c', direction: 'vm-to-vm', vm: 'vm1', peerVm: 'vm2', protocol: 'udp', packetBytes: 1500, ratePps: 1_000_000 },
    ];
    const w = wireOffer(c);
    expect(w.rxBps).toBeCloseTo(1_000_000 * 1518 * 8 + 10_000 * 530 * 8);
    expect(w.txBps).toBeCloseTo(10_000 * 530 * 8);
    // 1 Mpps of 1,538 B on the wire is 12.3 Gb/s of a 10 Gb/s link.
    expect(w.rxUtilisation).toBeGreaterThan(1.23);
    expect(w.linkBps).toBe(10e9);
  });
});
