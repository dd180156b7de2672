/**
 * The VM worker process and its emulated Intel 21140 "tulip" NIC (`root.vmwp.<vm>`,
 * `<vm>.legacy`; hyperv-facts.md §1.4, §4, §9.6, §9.7, cost E1, E2, N2): a user-mode process per
 * VM in the root whose device model emulates the legacy adapter. Every register access of the
 * guest's tulip driver is an intercept (intercepts.ts); the device model moves frames between
 * guest RAM descriptors and the vSwitch's emulated port at Fast Ethernet speed, and interrupts
 * the guest with HvCallAssertVirtualInterrupt; the guest's ISR then reads and writes CSRs
 * (each again an intercept) and ends with an EOI.
 *
 * Simplifications: the ISR is a fixed register sequence (CSR5 read, CSR7 mask, CSR5 ack, drain,
 * CSR5 re-check, CSR8, CSR7 unmask, EOI); a TX-done interrupt every MODEL.tulipTxIrqEvery frames;
 * the descriptor rings are counts (MODEL.tulipTxRing, MODEL.tulipRxRing).
 */
import { guest, root } from '../ids';
import type { Step } from '../core/sequence';
import { act } from '../core/sequence';
import { MODEL } from '../costs';
import { ACT, PART_HV, PATH_INDEX } from './codes';
import { EK, F } from '../core/program';
import { controlMover } from './control-path';
import type { Host } from './host';
import { eoiHop, interceptRoundTrip, resumeVp } from './intercepts';
import { markConnected, type VmRt } from './partition';
import { ST, createStation, dequeue, enqueue, parkBlocked, type Station } from './station';
import { Q_READER } from './codes';
import { nicConnect } from './vswitch';

/** The tulip RX descriptor ring of a VM (`<vm>.legacy`). */
export function createLegacyRing(h: Host, vmId: string, vi: number): number {
  const st = createStation(h.stations.length, ST.LEGACY, guest.legacy(vmId), vi);
  h.stations.push(st);
  return st.id;
}

/** COMMIT on the RX ring: raise the (virtual) interrupt unless the ISR runs (facts §9.7 step 3). */
export function legacyCommit(h: Host, st: Station, s: number): void {
  enqueue(h, st, s);
  st.timerCause = h.eventPacket(s);
  raiseLegacyIrq(h, st);
}

function raiseLegacyIrq(h: Host, st: Station): void {
  if (st.isrActive || st.irqPending) return;
  st.irqPending = true;
  h.spawnToken(legacyIrqRoute(h, st), st.timerCause, PATH_INDEX.emulated);
}

/** VMWP asserts the virtual interrupt; the hypervisor injects it; the ISR starts (ACT.ISR_START). */
function legacyIrqRoute(h: Host, st: Station): number {
  return h.routes.cached(st.signalRoutes, 0, (id) => {
    const vm = h.vms[st.vi] as VmRt;
    const b = h.builder(false);
    b.vm = vm.vi;
    b.hop(root.vmwp(vm.id), 'hv', 'HvCallAssertVirtualInterrupt', { part: PART_HV, lp: vm.txLp }, { kind: 'hypercall', cost: 'E2' });
    b.hop('hv', guest.legacy(vm.id), 'virtual interrupt injected (tulip IRQ)', { part: PART_HV, lp: vm.vpLp }, { kind: 'interrupt', cost: 'H13' });
    b.action(ACT.ISR_START, st.id);
    b.end();
    return b.build(id, PATH_INDEX.emulated);
  });
}

/** ACT.ISR_START. */
export function isrStart(h: Host, st: Station): void {
  st.irqPending = false;
  st.isrActive = true;
  st.phase = 0;
  isrNext(h, st);
}

/** The tulip ISR, one register access (or one received frame) per call (facts §9.7 step 4; N2). */
export function isrNext(h: Host, st: Station): void {
  const vi = st.vi;
  switch (st.phase) {
    case 0:
      st.phase = 1;
      return register(h, st, vi, 'CSR5 read (interrupt status)');
    case 1:
      st.phase = 2;
      return register(h, st, vi, 'CSR7 write (mask interrupts)');
    case 2:
      st.phase = 3;
      st.txDonePending = false;
      reclaimTx(h, h.vms[vi] as VmRt); // tulip_interrupt: TX ring clean-up after the acknowledge
      return register(h, st, vi, 'CSR5 write (acknowledge)');
    case 3: {
      if (st.count > 0) {
        const s = dequeue(h, st);
        st.reserved--;
        const end = h.resume(s);
        h.sched.push(end > h.nowNs ? end : h.nowNs, Q_READER, st.id);
        return;
      }
      st.phase = 4;
      return register(h, st, vi, 'CSR5 read (re-check)');
    }
    case 4:
      if (st.count > 0) {
        st.phase = 3;
        return register(h, st, vi, 'CSR5 write (acknowledge)');
      }
      st.phase = 5;
      return register(h, st, vi, 'CSR8 read (missed-frame counter)');
    case 5:
      st.phase = 6;
      return register(h, st, vi, 'CSR7 write (unmask interrupts)');
    case 6: {
      st.phase = 7;
      h.spawnToken(eoiRoute(h, vi, st), st.timerCause, PATH_INDEX.emulated);
      return;
    }
    default:
      st.isrActive = false;
      if (st.count > 0 || st.txDonePending) raiseLegacyIrq(h, st);
  }
}

/** One ISR register access as a token: the intercept round trip, then the ISR's next step. */
function register(h: Host, st: Station, vi: number, reg: string): void {
  const vm = h.vms[vi] as VmRt;
  const r = h.routes.cached(vm.tokenCache, `reg:${reg}`, (id) => {
    const b = h.builder(false);
    interceptRoundTrip(b, vm, reg);
    b.action(ACT.ISR_NEXT, st.id);
    b.end();
    return b.build(id, PATH_INDEX.emulated);
  });
  h.spawnToken(r, st.timerCause, PATH_INDEX.emulated);
}

function eoiRoute(h: Host, vi: number, st: Station): number {
  const vm = h.vms[vi] as VmRt;
  return h.routes.cached(vm.tokenCache, 'eoi', (id) => {
    const b = h.builder(false);
    b.vm = vi;
    eoiHop(b, vm);
    b.action(ACT.ISR_NEXT, st.id);
    b.end();
    return b.build(id, PATH_INDEX.emulated);
  });
}

/** The token that resumes the VP after a data-path register access (paths/emulated.ts forks it). */
export function resumeToken(h: Host, vi: number, reg: string): number {
  const vm = h.vms[vi] as VmRt;
  return h.routes.cached(vm.tokenCache, `resume:${reg}`, (id) => {
    const b = h.builder(false);
    b.vm = vi;
    resumeVp(b, vm, reg);
    b.end();
    return b.build(id, PATH_INDEX.emulated);
  });
}

/** The tulip TX descriptor ring of a VM as its driver sees it (ST.LEGACY_TX). */
export function createLegacyTxRing(h: Host, vmId: string, vi: number): number {
  const st = createStation(h.stations.length, ST.LEGACY_TX, guest.legacy(vmId), vi);
  h.stations.push(st);
  return st.id;
}

/** Descriptors the driver fills before it stops its queue: TX_RING_SIZE − 2 (tulip_start_xmit). */
export const TULIP_TX_STOP_AT = MODEL.tulipTxRing - 2;

/**
 * PUT on the TX ring (fidelity audit D6; Linux tulip_core.c tulip_start_xmit, the Windows 21140
 * driver is unverified): a frame takes a descriptor while fewer than TULIP_TX_STOP_AT are in use;
 * otherwise the queue is stopped and the frame waits in the guest (txqueuelen) with no register
 * write, or is dropped as tx-queue-full beyond it. 1 = continue, 0 = parked or dropped.
 */
export function legacyTxPut(h: Host, st: Station, s: number, code: Int32Array, b: number): number {
  const vm = h.vms[st.vi] as VmRt;
  if (st.blockedCount === 0 && vm.legacyTxOutstanding < TULIP_TX_STOP_AT) {
    vm.legacyTxOutstanding++;
    return 1;
  }
  const at = code[b + F.FROM] as number;
  if (st.blockedCount >= MODEL.guestTxBacklog) {
    h.dropMover(s, h.intern('tx-queue-full'), at, st.vi, h.intern('guest send queue full behind the tulip’s stopped TX ring (txqueuelen)'));
    return 0;
  }
  parkBlocked(h, st, s, at);
  if (!st.txStopped) {
    st.txStopped = true;
    const n = h.intern(st.name);
    h.emit(EK.ring, h.eventPacket(s), n, n, PATH_INDEX.emulated, -1, -1, -1, 0, h.intern('netif_stop_queue'), 0, st.vi, -1, h.intern(`tulip TX ring: ${TULIP_TX_STOP_AT} of ${MODEL.tulipTxRing} descriptors in use; frames wait in the guest (Linux tulip driver; Windows unverified)`), false);
  }
  return 0;
}

/** The ISR reclaims the descriptors the device model finished, and wakes a stopped queue. */
function reclaimTx(h: Host, vm: VmRt): void {
  if (vm.legacyTxUnreclaimed === 0) return;
  vm.legacyTxOutstanding -= vm.legacyTxUnreclaimed;
  vm.legacyTxUnreclaimed = 0;
  const st = h.stations[vm.legacyTx] as Station;
  if (st.txStopped) {
    st.txStopped = false;
    const n = h.intern(st.name);
    h.emit(EK.ring, -1, n, n, PATH_INDEX.emulated, -1, -1, -1, 0, h.intern('netif_wake_queue'), 0, st.vi, -1, h.intern('the ISR reclaimed TX descriptors: the tulip driver wakes its queue'), false);
  }
  const mv = h.mv;
  while (st.blockedHead >= 0 && vm.legacyTxOutstanding < TULIP_TX_STOP_AT) {
    const s = st.blockedHead;
    st.blockedHead = mv.next[s] as number;
    if (st.blockedHead < 0) st.blockedTail = -1;
    st.blockedCount--;
    vm.legacyTxOutstanding++;
    h.resume(s);
  }
}

/** ADMIT LEGACY_RX: an RX descriptor with OWN set. */
export function legacyAdmit(h: Host, _kind: number, vi: number): boolean {
  if (h.uncontended) return true;
  const vm = h.vms[vi] as VmRt;
  const st = h.stations[vm.legacyRx] as Station;
  // No RX descriptor with OWN set: the frame is missed (CSR8 counter).
  if (st.reserved >= MODEL.tulipRxRing) return false;
  st.reserved++;
  return true;
}

/** ACT.LEGACY_TX_DONE: a TX-done interrupt only every MODEL.tulipTxIrqEvery frames (N2). */
export function legacyTxDone(h: Host, vi: number): void {
  if (h.uncontended) return;
  const vm = h.vms[vi] as VmRt;
  vm.legacyTxUnreclaimed++; // the driver reclaims the descriptor in its ISR (reclaimTx)
  vm.legacyTxCount++;
  if (vm.legacyTxCount % MODEL.tulipTxIrqEvery === 0) {
    const st = h.stations[vm.legacyRx] as Station;
    st.txDonePending = true;
    raiseLegacyIrq(h, st);
  }
}

/** A register access of the tulip driver during initialisation, through VMWP (control path). */
function regStep(h: Host, vi: number, reg: string): Step {
  return (next) => {
    const vm = h.vms[vi] as VmRt;
    controlMover(h, `reg:${reg}`, (b) => interceptRoundTrip(b, vm, reg), reg, vi, next);
  };
}

/** Tulip driver initialisation through trapped register writes (facts §4). */
export function emulatedBringUp(h: Host, vi: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  return [
    regStep(h, vi, 'CSR0 write (bus mode: software reset)'),
    regStep(h, vi, 'CSR3 write (RX descriptor ring base)'),
    regStep(h, vi, 'CSR4 write (TX descriptor ring base)'),
    regStep(h, vi, 'CSR7 write (interrupt enable)'),
    regStep(h, vi, 'CSR6 write (start RX and TX)'),
    nicConnect(h, vi, `${vm.id}: emulated NIC connected`),
    act(() => markConnected(h, vm)),
  ];
}
