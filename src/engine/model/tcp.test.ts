import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { scenarioConfig } from '../scenarios';
import type { EthernetFrame, SimConfig, TcpHeader } from '../types';
import { flow, host } from './fixtures';

interface Seg {
  t: number;
  kind: 'send' | 'deliver' | 'drop';
  packet: number;
  frame: EthernetFrame & { tcp: TcpHeader };
}

/** Every TCP segment's send, deliver and drop, with the frame the inspector shows. */
function segments(config: SimConfig, untilNs: number, seed = 1): Seg[] {
  const sim = createSimulation(config, { seed });
  const out: Seg[] = [];
  const frames = new Map<number, EthernetFrame>();
  sim.subscribe((e) => {
    if (e.packet === null || e.path === 'control' || (e.kind !== 'send' && e.kind !== 'deliver' && e.kind !== 'drop')) return;
    const f = sim.packet(e.packet)?.frame ?? frames.get(e.packet) ?? null;
    if (!f?.tcp) return;
    frames.set(e.packet, f);
    out.push({ t: e.t, kind: e.kind, packet: e.packet, frame: f as Seg['frame'] });
  });
  sim.runUntil(untilNs);
  sim.dispose();
  return out;
}

const sent = (s: Seg[]) => s.filter((x) => x.kind === 'send');

describe('TCP segments of a TCP-like flow', () => {
  it('opens with SYN, SYN-ACK, ACK from seeded ISNs, then counts bytes; closes with FIN when the flow stops', () => {
    const c = host(['synthetic']);
    c.flows = [flow('rx', 'external-to-vm', 'vm1', { protocol: 'tcp', packetBytes: 1000, ratePps: 20_000, stopNs: 2_500_000 })];
    const segs = sent(segments(c, 4_000_000));
    const names = segs.map((s) => `${s.frame.isReply ? 'S' : 'C'} ${s.frame.tcp.flagNames}`);
    expect(names.slice(0, 4)).toEqual(['C SYN', 'S SYN, ACK', 'C ACK', 'C PSH, ACK']);
    expect(names.slice(-3)).toEqual(['C FIN, ACK', 'S FIN, ACK', 'C ACK']);
    const [syn, synAck, ack] = segs as [Seg, Seg, Seg];
    expect(syn.frame.tcp.mss).toBe(960);
    expect(syn.frame.tcp.windowShift).toBe(8);
    expect(synAck.frame.tcp.ack).toBe((syn.frame.tcp.seq + 1) >>> 0);
    expect(ack.frame.tcp.ack).toBe((synAck.frame.tcp.seq + 1) >>> 0);
    expect(syn.frame.ipBytes).toBe(48);
    expect(ack.frame.ipBytes).toBe(40);

    // Requests count client bytes from ISN + 1; each reply acknowledges what came in order.
    const data = segs.filter((s) => s.frame.tcp.payloadBytes > 0);
    const req = data.filter((s) => !s.frame.isReply);
    const rep = data.filter((s) => s.frame.isReply);
    expect(req.length).toBeGreaterThan(20);
    req.forEach((s, i) => expect(s.frame.tcp.relSeq).toBe(1 + i * 960));
    rep.forEach((s, i) => {
      expect(s.frame.tcp.relSeq).toBe(1 + i * 960);
      expect(s.frame.tcp.relAck).toBe(1 + (i + 1) * 960); // no loss: reply i answers request i
    });
    // FIN takes one sequence number; the last ACK acknowledges the server's FIN.
    const [fin, finAck, last] = segs.slice(-3) as [Seg, Seg, Seg];
    expect(fin.frame.tcp.relSeq).toBe(1 + req.length * 960);
    expect(finAck.frame.tcp.relAck).toBe(fin.frame.tcp.relSeq + 1);
    expect(last.frame.tcp.relAck).toBe(finAck.frame.tcp.relSeq + 1);
    // The window: 4 MiB announced with scale 8.
    expect(data.every((s) => s.frame.tcp.window === 16384)).toBe(true);
  });

  it('ISNs differ by seed and repeat for the same seed', () => {
    const isn = (seed: number) => sent(segments(scenarioConfig('synthetic'), 1_500_000, seed))[0]!.frame.tcp.seq;
    expect(isn(1)).toBe(isn(1));
    expect(isn(1)).not.toBe(isn(2));
  });

  it('retransmits only what the model lost, with the same sequence numbers (link down)', () => {
    const c = host(['synthetic']);
    c.flows = [flow('tx', 'vm-to-external', 'vm1', { protocol: 'tcp', ratePps: 30_000 })];
    c.faults = [
      { atNs: 1_500_000, kind: 'link-down' },
      { atNs: 1_700_000, kind: 'link-up' },
    ];
    const segs = segments(c, 4_000_000);
    const drops = segs.filter((s) => s.kind === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    const sends = sent(segs);
    const key = (s: Seg) => `${s.frame.isReply}:${s.frame.tcp.flagNames}:${s.frame.tcp.seq}`;
    const count = new Map<string, number>();
    for (const s of sends) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
    // A segment sent twice is a request (or its reply) after a loss; nothing else repeats.
    const repeated = [...count.entries()].filter(([, n]) => n > 1).map(([k]) => k);
    expect(repeated.length).toBeGreaterThan(0);
    expect(repeated.length).toBeLessThanOrEqual(drops.length * 2);
  });

  it('IPv4 identification advances per sender; ICMP echo id/seq pair', () => {
    const c = host(['synthetic']);
    c.flows = [flow('p', 'vm-to-external', 'vm1', { protocol: 'icmp', packetBytes: 84, ratePps: 20_000 }), flow('u', 'vm-to-external', 'vm1', { protocol: 'udp', ratePps: 20_000 })];
    const sim = createSimulation(c, { seed: 4 });
    const bySender = new Map<string, number[]>();
    const icmp: EthernetFrame[] = [];
    sim.subscribe((e) => {
      if (e.kind !== 'send' || e.packet === null || e.path === 'control') return;
      const f = sim.packet(e.packet)?.frame;
      if (!f) return;
      bySender.set(f.srcIp, [...(bySender.get(f.srcIp) ?? []), f.ipId as number]);
      if (f.protocol === 'icmp') icmp.push(f);
    });
    sim.runUntil(3_000_000);
    for (const ids of bySender.values()) ids.forEach((id, i) => i > 0 && expect(id).toBe((ids[i - 1]! + 1) & 0xffff));
    expect(bySender.size).toBe(2);
    const req = icmp.filter((f) => !f.isReply);
    const rep = icmp.filter((f) => f.isReply);
    expect(rep.length).toBeGreaterThan(10);
    for (const r of rep) expect(req.some((q) => q.icmp?.id === r.icmp?.id && q.icmp?.seq === r.icmp?.seq)).toBe(true);
  });
});
