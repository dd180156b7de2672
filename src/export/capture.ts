/**
 * Which frames a capture point sees, derived from the trace.
 *
 * A capture point is where a capturing tool would sit:
 * - a VM's vSwitch port: frames the VM's NetVSP (synthetic) or worker process (emulated adapter)
 *   hands to the switch, and frames the switch hands back to them. SR-IOV VF traffic bypasses the
 *   vSwitch, so it is (correctly) absent here;
 * - the external port: frames between the PF miniport and the switch;
 * - the wire: frames the physical NIC puts on, or takes off, the cable (every path, VF included).
 *
 * Pure: the frame of a packet is looked up through an injected function (`sim.packet(id)` during a
 * replay), so this works on any event source.
 */
import type { ComponentId, EthernetFrame, TraceEvent, VmId } from '../engine/types';
import type { CaptureInterface, CaptureRecord } from './pcapng';

export type CapturePoint = { kind: 'vm-port'; vm: VmId } | { kind: 'external-port' } | { kind: 'wire' };

/** Stable text form used in file names, URLs and the menu: `port:vm1`, `port:external`, `wire`. */
export function capturePointId(p: CapturePoint): string {
  return p.kind === 'vm-port' ? `port:${p.vm}` : p.kind === 'external-port' ? 'port:external' : 'wire';
}

export function parseCapturePoint(s: string): CapturePoint | null {
  if (s === 'wire') return { kind: 'wire' };
  if (s === 'port:external') return { kind: 'external-port' };
  const m = /^port:(vm[1-9]\d{0,1})$/.exec(s);
  return m ? { kind: 'vm-port', vm: m[1] as VmId } : null;
}

/** The capture points of a host with these VMs: every VM port, the external port, the wire. */
export function capturePoints(vms: readonly VmId[]): CapturePoint[] {
  return [...vms.map((vm): CapturePoint => ({ kind: 'vm-port', vm })), { kind: 'external-port' }, { kind: 'wire' }];
}

/** The pcapng interface for a point: if_name is the component the port belongs to. */
export function captureInterface(p: CapturePoint): CaptureInterface {
  if (p.kind === 'vm-port') return { name: `root.vswitch:${p.vm}`, description: `Hyper-V extensible switch port of ${p.vm} (NetVSP / VMWP side)` };
  if (p.kind === 'external-port') return { name: 'root.vswitch:external', description: 'Hyper-V extensible switch external port (PF miniport side)' };
  return { name: 'wire', description: 'Physical network, outside the NIC' };
}

const isSwitch = (c: ComponentId) => c === 'root.vswitch' || c.startsWith('root.vswitch.');

/** The switch side of a port: the component that hands frames to the switch and receives them. */
function portOwners(p: CapturePoint): ComponentId[] {
  if (p.kind === 'vm-port') return [`root.netvsp.${p.vm}`, `root.vmwp.${p.vm}`];
  if (p.kind === 'external-port') return ['root.pf'];
  return ['nic'];
}

/**
 * Does this event move a data frame past the capture point? Only `hop` events of data packets
 * count: ingress (owner → `root.vswitch`), egress (any switch stage → owner); for the wire,
 * `nic → wire` and `wire → nic`.
 */
export function seenAt(e: TraceEvent, p: CapturePoint): boolean {
  if (e.kind !== 'hop' || e.packet === null || e.path === 'control') return false;
  if (p.kind === 'wire') return (e.from === 'nic' && e.to === 'wire') || (e.from === 'wire' && e.to === 'nic');
  const owners = portOwners(p);
  if (owners.includes(e.from) && e.to === 'root.vswitch') return true;
  return owners.includes(e.to) && isSwitch(e.from);
}

/**
 * Collects capture records from events as they are produced. Feed it every event in order
 * (`add`), then take `records`. Events whose packet has no frame (control messages) are skipped.
 */
export class CaptureCollector {
  readonly records: CaptureRecord[] = [];
  readonly interfaces: CaptureInterface[];
  /** Frames not recorded because `maxFrames` was reached. */
  truncated = 0;

  constructor(
    readonly points: readonly CapturePoint[],
    private readonly frameOf: (packet: number) => EthernetFrame | null,
    private readonly opts: { maxFrames?: number; fromNs?: number; comments?: boolean } = {},
  ) {
    this.interfaces = points.map(captureInterface);
  }

  add(e: TraceEvent) {
    if (e.kind !== 'hop' || e.packet === null) return;
    if (this.opts.fromNs !== undefined && e.t < this.opts.fromNs) return;
    for (let i = 0; i < this.points.length; i++) {
      if (!seenAt(e, this.points[i] as CapturePoint)) continue;
      const frame = this.frameOf(e.packet);
      if (!frame) return;
      if (this.records.length >= (this.opts.maxFrames ?? Infinity)) {
        this.truncated++;
        return;
      }
      // Into the switch or onto/off the wire: seen when the hop starts. Out of the switch: seen
      // when the switch has finished with it and hands it to the port, at the hop's end.
      const egress = this.points[i]!.kind !== 'wire' && isSwitch(e.from);
      const tNs = egress ? e.t + e.dur : e.t;
      this.records.push({
        interfaceId: i,
        tNs,
        frame,
        ...(this.opts.comments === false ? {} : { comment: `packet ${e.packet} ${e.from} > ${e.to} (${e.path})` }),
      });
    }
  }

  /** Records in time order (stable for equal times, so the trace order is kept). */
  sorted(): CaptureRecord[] {
    return this.records
      .map((r, i) => ({ r, i }))
      .sort((a, b) => a.r.tNs - b.r.tNs || a.i - b.i)
      .map((x) => x.r);
  }
}
