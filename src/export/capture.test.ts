import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig } from '../engine';
import type { SimConfig, TraceEvent } from '../engine/types';
import { requireTshark, tsharkFields, writeTemp } from '../../e2e/export-tshark';
import { CaptureCollector, capturePointId, capturePoints, parseCapturePoint, seenAt, type CapturePoint } from './capture';
import { buildPcapng } from './pcapng';
import { replay } from './replay';

const mixed = (): SimConfig => {
  const c = defaultConfig();
  c.vms = [
    { id: 'vm1', adapter: 'synthetic', vcpus: 2 },
    { id: 'vm2', adapter: 'emulated', vcpus: 2 },
    { id: 'vm3', adapter: 'sriov', vcpus: 2 },
  ];
  c.sriov = true;
  c.flows = [
    { id: 'u1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 20_000 },
    { id: 'p2', direction: 'vm-to-external', vm: 'vm2', protocol: 'icmp', packetBytes: 84, ratePps: 5_000 },
    { id: 't3', direction: 'external-to-vm', vm: 'vm3', protocol: 'tcp', packetBytes: 512, ratePps: 10_000 },
    { id: 't1', direction: 'external-to-vm', vm: 'vm1', protocol: 'tcp', packetBytes: 256, ratePps: 10_000 },
  ];
  return c;
};

async function capture(config: SimConfig, points: CapturePoint[], untilNs: number) {
  const events: TraceEvent[] = [];
  let col: CaptureCollector | null = null;
  const r = await replay(createSimulation, { config, seed: 7, untilNs }, {
    onEvent: (e, sim) => {
      events.push(e);
      col ??= new CaptureCollector(points, (id) => sim.packet(id)?.frame ?? null);
      col.add(e);
    },
  });
  r.sim.dispose();
  return { events, col: col as unknown as CaptureCollector };
}

describe('capture points', () => {
  it('round-trips point ids', () => {
    for (const p of capturePoints(['vm1', 'vm12'])) expect(parseCapturePoint(capturePointId(p))).toEqual(p);
    expect(parseCapturePoint('port:vm0')).toBeNull();
    expect(parseCapturePoint('lan')).toBeNull();
  });

  it('sees a VM port, the external port and the wire at the right hops', () => {
    const ev = (from: string, to: string, extra: Partial<TraceEvent> = {}): TraceEvent => ({ t: 0, seq: 0, kind: 'hop', packet: 1, from, to, path: 'synthetic', cpu: null, detail: '', dur: 5, vm: null, cost: null, ...extra });
    const vm1: CapturePoint = { kind: 'vm-port', vm: 'vm1' };
    expect(seenAt(ev('root.netvsp.vm1', 'root.vswitch'), vm1)).toBe(true);
    expect(seenAt(ev('root.vswitch.filter', 'root.netvsp.vm1'), vm1)).toBe(true);
    expect(seenAt(ev('root.vmwp.vm1', 'root.vswitch', { path: 'emulated' }), vm1)).toBe(true);
    expect(seenAt(ev('root.netvsp.vm1', 'vm1.vmbus.in'), vm1)).toBe(false);
    expect(seenAt(ev('root.netvsp.vm1', 'root.vswitch', { path: 'control' }), vm1)).toBe(false);
    expect(seenAt(ev('root.netvsp.vm1', 'root.vswitch', { kind: 'copy' }), vm1)).toBe(false);
    expect(seenAt(ev('root.pf', 'root.vswitch'), { kind: 'external-port' })).toBe(true);
    expect(seenAt(ev('nic', 'wire'), { kind: 'wire' })).toBe(true);
    expect(seenAt(ev('wire', 'nic'), { kind: 'wire' })).toBe(true);
  });
});

describe('capture from a real run, read back with tshark', () => {
  beforeAll(() => void requireTshark(), 300_000);

  it('the wire sees every path; a VM port sees its own synthetic or emulated traffic only; checksums are good', async () => {
    const config = mixed();
    const points = capturePoints(config.vms.map((v) => v.id));
    const { events, col } = await capture(config, points, 3_000_000);
    const wireHops = events.filter((e) => e.kind === 'hop' && e.path !== 'control' && ((e.from === 'nic' && e.to === 'wire') || (e.from === 'wire' && e.to === 'nic')));
    expect(wireHops.length).toBeGreaterThan(50);

    const file = writeTemp(buildPcapng(col.interfaces, col.sorted()));
    const rows = tsharkFields(file, ['frame.interface_name', 'eth.src', 'ip.src', 'ip.dst', '_ws.col.Protocol', 'ip.checksum.status', 'udp.checksum.status', 'tcp.checksum.status', 'icmp.checksum.status', 'frame.time_epoch', 'frame.comment']);
    expect(rows.length).toBe(col.records.length);
    const at = (name: string) => rows.filter((r) => r[0] === name);

    const wire = at('wire');
    expect(wire.length).toBe(wireHops.length);
    const protocols = new Set(wire.map((r) => r[4]));
    for (const p of ['UDP', 'TCP', 'ICMP']) expect(protocols).toContain(p);

    // vm3 uses its VF once SR-IOV is up: from then on its frames are on the wire (path sriov)
    // but not at its vSwitch port; before that, they went the synthetic way through the port.
    const vfUp = Math.min(...events.filter((e) => e.path === 'sriov').map((e) => e.t));
    expect(vfUp).toBeLessThan(1_000_000);
    expect(wire.filter((r) => r[10]?.endsWith('(sriov)')).length).toBeGreaterThan(10);
    for (const r of at('root.vswitch:vm3')) {
      expect(r[10]).toMatch(/\(synthetic\)$/);
      expect(Number(r[9]) * 1e9).toBeLessThan(vfUp + 100_000);
    }
    // vm1 (synthetic) and vm2 (emulated) do show at their ports, both directions for vm1.
    expect(at('root.vswitch:vm1').length).toBeGreaterThan(10);
    expect(at('root.vswitch:vm2').length).toBeGreaterThan(3);
    expect(new Set(at('root.vswitch:vm2').map((r) => r[4]))).toEqual(new Set(['ICMP']));
    expect(at('root.vswitch:external').length).toBeGreaterThan(10);

    // Every checksum tshark checked is Good (1); none is Bad (0).
    for (const r of rows) {
      expect(r[5]).toBe('1');
      const l4 = r[4] === 'UDP' ? r[6] : r[4] === 'TCP' ? r[7] : r[8];
      expect(l4).toBe('1');
    }
    // Timestamps are simulated time from the epoch, in order.
    const ts = rows.map((r) => Number(r[9]));
    expect(ts.every((t, i) => i === 0 || t >= (ts[i - 1] as number))).toBe(true);
    expect(Math.max(...ts)).toBeLessThan(0.0031);
  }, 60_000);
});
