/**
 * The physical NIC (`nic`, `nic.queue.*`, `nic.eswitch`; hyperv-facts.md §6, §7, cost H17, N1,
 * N2): its port on the wire (one serialising resource per direction at the link speed), its
 * receive queues (the default queue plus VMQ queues, each a station with interrupt moderation:
 * an MSI-X after MODEL.moderationPackets packets or MODEL.moderationNs, none while the reader
 * runs) and, with SR-IOV, its embedded switch that forwards between the port and VF VPorts.
 *
 * Simplifications: the embedded switch is hops in the route compilers (paths/compose.ts), with
 * no table of its own; queue descriptors are a count (MODEL.nicQueueDescriptors); link down drops
 * every frame at the port (`link-down`).
 */
import { F } from '../core/program';
import { MODEL } from '../costs';
import { ACT, PATH_INDEX, Q_MOD_TIMER } from './codes';
import type { Host } from './host';
import { pfInterruptHop } from './pf-miniport';
import { READER, ST, createStation, enqueue, type Station } from './station';
import { queueLp } from './vmq';
import { vfSignalRoute } from './sriov-vf';

/** Component id of NIC queue `k` (0 = the default queue). */
export const nicQueueName = (k: number) => (k === 0 ? 'nic.queue.default' : `nic.queue.${k}`);

/** The default queue and `vmqQueues` VMQ queues. */
export function createNicQueues(h: Host, vmqQueues: number): void {
  for (let k = 0; k <= vmqQueues; k++) {
    const st = createStation(h.stations.length, ST.NICQ, nicQueueName(k), -1);
    st.limit = MODEL.nicQueueDescriptors;
    st.q = k;
    h.stations.push(st);
    h.nicqs.push(st.id);
  }
}

/** PUT on a NIC or VF receive queue: drop when its descriptors are used up. */
export function queuePut(h: Host, st: Station, s: number, code: Int32Array, b: number): number {
  if (st.count < st.limit) return 1;
  h.dropMover(s, h.intern(st.kind === ST.NICQ ? 'nic-queue-full' : 'vf-queue-full'), code[b + F.FROM] as number, code[b + F.VM] as number, -1);
  return 0;
}

/** COMMIT on a NIC or VF receive queue: H17 moderation, no interrupt while the DPC/NAPI runs. */
export function queueCommit(h: Host, st: Station, s: number): void {
  enqueue(h, st, s);
  if (st.reader !== READER.IDLE) return;
  st.modCount++;
  if (st.modCount >= MODEL.moderationPackets) fireInterrupt(h, st, h.eventPacket(s), h.mv.path[s] as number);
  else if (!st.timerArmed) {
    st.timerArmed = true;
    st.timerCause = h.eventPacket(s);
    st.timerPath = h.mv.path[s] as number;
    h.sched.push(h.nowNs + MODEL.moderationNs, Q_MOD_TIMER, st.id);
  }
}

function fireInterrupt(h: Host, st: Station, cause: number, path: number): void {
  st.reader = READER.WAKING;
  st.modCount = 0;
  h.spawnToken(st.kind === ST.NICQ ? nicQueueSignalRoute(h, st) : vfSignalRoute(h, st), cause, path);
}

/** The moderation timer expired: interrupt if packets wait and no reader runs. */
export function onModTimer(h: Host, st: Station): void {
  st.timerArmed = false;
  if (st.reader === READER.IDLE && st.count > 0) fireInterrupt(h, st, st.timerCause, st.timerPath);
}

/** MSI-X of a NIC queue → hypervisor → the PF miniport's DPC on the queue's LP. */
function nicQueueSignalRoute(h: Host, st: Station): number {
  return h.routes.cached(st.signalRoutes, 0, (id) => {
    const b = h.builder(false);
    const lp = queueLp(st.q, h.L);
    b.hop(st.name, 'hv', `MSI-X (${st.q === 0 ? 'default queue' : `queue ${st.q}`})`, { part: -1, lp: -1 }, { kind: 'interrupt', cost: 'N2' });
    pfInterruptHop(b, lp);
    b.action(ACT.WAKE, st.id);
    b.end();
    return b.build(id, PATH_INDEX.synthetic);
  });
}

/** link-down / link-up faults: the port drops every frame while down. */
export function setLink(h: Host, up: boolean): void {
  h.gateOpen = up;
}
