/**
 * Captures Wireshark trusts (issue 15): every named scenario captured at the wire and at each VM's
 * vSwitch port, one point per file (Wireshark 4.0 does not keep conversations apart by interface),
 * read by tshark with checksum validation. Each file must give `-z expert` no error and no warning,
 * every TCP stream a complete handshake, and no TCP analysis flag (so the byte stream reassembles:
 * no lost or out-of-order segment, no retransmission, no ACK of unseen data).
 *
 * One exception, and it is the truth: a VM port that the VM's SR-IOV VF bypassed for part of the
 * run (vf-failover) misses those segments, and tshark says "previous segment not captured" and
 * "ACKed segment that wasn't captured" there, and nothing else; the wire of the same run is clean.
 *
 * Needs tshark: installed on first use where possible (scripts/ensure-tshark.mjs), otherwise the
 * test fails with what to run; it never skips.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, SCENARIOS, scenarioConfig } from '../engine';
import type { SimConfig } from '../engine/types';
import { checkCapture, requireTshark, tsharkFields, writeTemp, type CaptureCheck } from '../../e2e/export-tshark';
import { CaptureCollector, capturePointId, capturePoints, type CapturePoint } from './capture';
import { buildPcapng } from './pcapng';
import { replay } from './replay';

const SEED = 3;
const untilOf = (name: string) => (name === 'stress' ? 2_000_000 : 5_000_000);
/** SYN, SYN-ACK and ACK seen (tcp.completeness bits 1, 2, 4). */
const HANDSHAKE = 7;
const VF_GAP = new Set(['Previous segment(s) not captured (common at capture start)', "ACKed segment that wasn't captured (common at capture start)"]);

interface Capture {
  label: string;
  /** The points in this file (pcapng interfaces, in order). */
  points: CapturePoint[];
  file: string;
  /** Frames recorded per point. */
  records: number[];
  /** TCP flows that cross the wire, when the wire is one of the points. */
  wireTcpFlows: number;
  /** A point of this file is a VM port its SR-IOV VF bypassed for part of the run. */
  vfBypass: boolean;
  check?: CaptureCheck;
}

/** TCP and ICMP flows a point can see (wire: all but VM-to-VM; a VM port: the VM's). */
function statefulFlows(config: SimConfig, p: CapturePoint): string[] {
  return config.flows
    .filter((f) => f.protocol !== 'udp' && (p.kind === 'wire' ? f.direction !== 'vm-to-vm' : p.kind === 'vm-port' && (f.vm === p.vm || f.peerVm === p.vm)))
    .map((f) => f.id);
}

/**
 * Points that share no TCP or ICMP flow may share a file (fewer tshark runs): Wireshark's TCP and
 * ICMP analysis would otherwise take the copies of one segment seen at two points for
 * retransmissions. UDP-only points always can.
 */
function groupPoints(config: SimConfig, points: CapturePoint[]): CapturePoint[][] {
  const groups: { pts: CapturePoint[]; flows: Set<string> }[] = [];
  for (const p of points) {
    const flows = statefulFlows(config, p);
    const g = groups.find((x) => flows.every((f) => !x.flows.has(f)));
    if (g) {
      g.pts.push(p);
      flows.forEach((f) => g.flows.add(f));
    } else groups.push({ pts: [p], flows: new Set(flows) });
  }
  return groups.map((g) => g.pts);
}

/** One run per configuration; one capture file per group of points. */
async function captureRun(label: string, config: SimConfig, untilNs: number, groups: CapturePoint[][]): Promise<Capture[]> {
  const cols = groups.map((pts) => ({ pts, col: null as CaptureCollector | null }));
  const sriovVms = new Set<string>();
  const r = await replay(createSimulation, { config, seed: SEED, untilNs }, {
    onEvent: (e, sim) => {
      if (e.path === 'sriov' && e.vm) sriovVms.add(e.vm);
      for (const c of cols) {
        c.col ??= new CaptureCollector(c.pts, (id) => sim.packet(id)?.frame ?? null);
        c.col.add(e);
      }
    },
  });
  r.sim.dispose();
  return cols.map(({ pts, col }) => {
    const c = col as CaptureCollector;
    const name = `${label} ${pts.map(capturePointId).join('+')}`;
    return {
      label: name,
      points: pts,
      file: writeTemp(buildPcapng(c.interfaces, c.sorted()), `${name.replace(/[ :+]/g, '-')}.pcapng`),
      records: pts.map((_, i) => c.records.filter((x) => x.interfaceId === i).length),
      wireTcpFlows: pts.some((p) => p.kind === 'wire') ? config.flows.filter((f) => f.protocol === 'tcp' && f.direction !== 'vm-to-vm').length : 0,
      vfBypass: pts.some((p) => p.kind === 'vm-port' && sriovVms.has(p.vm)),
    };
  });
}

/** Read files two at a time (the machine has two cores). */
async function checkAll(caps: Capture[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < caps.length) {
      const c = caps[next++] as Capture;
      c.check = await checkCapture(c.file);
    }
  };
  await Promise.all([worker(), worker()]);
}

const captures: Capture[] = [];
let finCapture: Capture | null = null;

describe('captures read back by tshark: clean TCP, UDP and ICMP at every point of every scenario', () => {
  beforeAll(async () => {
    requireTshark();
    for (const name of Object.keys(SCENARIOS)) {
      const config = scenarioConfig(name);
      const points = capturePoints(config.vms.map((v) => v.id)).filter((p) => p.kind !== 'external-port');
      captures.push(...(await captureRun(name, config, untilOf(name), groupPoints(config, points))));
    }
    // A TCP flow that stops: FIN, FIN-ACK, ACK must close the stream.
    const fin = scenarioConfig('synthetic');
    fin.flows = fin.flows.map((f) => (f.protocol === 'tcp' ? { ...f, stopNs: 3_000_000 } : f));
    finCapture = (await captureRun('synthetic-stop', fin, 5_000_000, [[{ kind: 'wire' }]]))[0] ?? null;
    const t0 = Date.now();
    await checkAll([...captures, finCapture as Capture]);
    if (process.env.CAPTURE_TIMING) console.log(`tshark: ${captures.length + 1} files in ${Date.now() - t0} ms`);
  }, 300_000);

  it('captured every scenario at the wire and at each VM port, with traffic', () => {
    const points = captures.reduce((n, c) => n + c.points.length, 0);
    expect(points).toBe(Object.keys(SCENARIOS).reduce((n, s) => n + 1 + scenarioConfig(s).vms.length, 0));
    const wireFrames = captures.reduce((n, c) => n + c.points.reduce((m, p, i) => m + (p.kind === 'wire' ? (c.records[i] as number) : 0), 0), 0);
    expect(wireFrames).toBeGreaterThan(2000);
    for (const c of captures) c.records.forEach((n, i) => expect(c.check?.framesByInterface.get(i) ?? 0, `${c.label} #${i}`).toBe(n));
  });

  it('tshark -z expert: no error and no warning (a VF-bypassed port: only the gaps the VF made)', () => {
    const problems: string[] = [];
    for (const c of captures) {
      const k = c.check as CaptureCheck;
      for (const e of k.errors) problems.push(`${c.label}: error ${e.count} × ${e.summary}`);
      for (const w of k.warnings) if (!(c.vfBypass && VF_GAP.has(w.summary))) problems.push(`${c.label}: warning ${w.count} × ${w.summary}`);
    }
    expect(problems).toEqual([]);
    // The exception is real and narrow: it happens (vf-failover's port), and that run's wire is clean.
    const gapped = captures.filter((c) => (c.check as CaptureCheck).warnings.length > 0);
    for (const c of gapped) {
      expect(c.vfBypass, c.label).toBe(true);
      const wire = captures.find((w) => w.points.some((p) => p.kind === 'wire') && w.label.split(' ')[0] === c.label.split(' ')[0]) as Capture;
      expect((wire.check as CaptureCheck).warnings, wire.label).toEqual([]);
    }
  });

  it('every TCP stream starts with a complete handshake and reassembles (no tcp.analysis flag)', () => {
    let streams = 0;
    for (const c of captures) {
      const k = c.check as CaptureCheck;
      for (const [s, completeness] of k.streams) expect(completeness & HANDSHAKE, `${c.label} stream ${s}`).toBe(HANDSHAKE);
      expect(k.conversations, c.label).toBe(k.streams.size);
      if (!c.vfBypass) expect(k.analysisFlagged, c.label).toBe(0);
      streams += k.streams.size;
    }
    // Every TCP flow that crosses the wire is a stream there, with its handshake.
    for (const c of captures) expect((c.check as CaptureCheck).streams.size, c.label).toBeGreaterThanOrEqual(c.wireTcpFlows);
    expect(streams).toBeGreaterThanOrEqual(8);
  });

  it('a TCP flow that stops closes with FIN, FIN-ACK, ACK', () => {
    const k = (finCapture as Capture).check as CaptureCheck;
    expect([...k.streams.values()]).toEqual([31]); // SYN, SYN-ACK, ACK, data, FIN
    expect(k.warnings).toEqual([]);
    expect(k.errors).toEqual([]);
    expect(k.analysisFlagged).toBe(0);
    const flags = tsharkFields((finCapture as Capture).file, ['tcp.flags.str'], ['-Y', 'tcp.flags.fin == 1 || (tcp.flags.ack == 1 && tcp.len == 0 && frame.number > 10)']);
    expect(flags.map((r) => r[0]).slice(-3)).toEqual(['·······A···F', '·······A···F', '·······A····']);
  });

  it('ICMP echoes pair; IPv4 identification advances per sender; lengths hold', () => {
    const c = captures.find((x) => x.label === 'emulated wire') as Capture;
    expect(c, 'the emulated scenario has a wire-only file').toBeDefined();
    const rows = tsharkFields(c.file, ['ip.src', 'ip.id', 'icmp.type', 'icmp.resp_in', 'icmp.resp_to', 'ip.len', 'frame.len'], ['-Y', 'icmp || udp']);
    const bySrc = new Map<string, number[]>();
    for (const r of rows) bySrc.set(r[0] as string, [...(bySrc.get(r[0] as string) ?? []), parseInt(r[1] as string, 16)]);
    for (const ids of bySrc.values()) ids.forEach((id, i) => i > 0 && expect(id).toBe((ids[i - 1]! + 1) & 0xffff));
    const replies = rows.filter((r) => r[2] === '0');
    expect(replies.length).toBeGreaterThan(5);
    for (const r of replies) expect(r[4], 'reply names its request').not.toBe('');
    for (const r of rows) expect(Number(r[6])).toBe(Math.max(60, Number(r[5]) + 14));
  });

  it('one file with several points: one interface per point, named and described', () => {
    const config = scenarioConfig('mixed');
    const points = capturePoints(config.vms.map((v) => v.id));
    const col = new CaptureCollector(points, () => null);
    const file = writeTemp(buildPcapng(col.interfaces, []), 'interfaces.pcapng');
    expect(col.interfaces.map((i) => i.name)).toEqual(['root.vswitch:vm1', 'root.vswitch:vm2', 'root.vswitch:vm3', 'root.vswitch:external', 'wire']);
    expect(col.interfaces.every((i) => (i.description ?? '').length > 10)).toBe(true);
    expect(file).toMatch(/interfaces\.pcapng$/);
  });
});
