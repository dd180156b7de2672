/**
 * NetVSP, the root's VMBus network service provider, one instance per synthetic NIC
 * (`root.netvsp.<vm>`; hyperv-facts.md §3, §9.2–9.5): it answers NetVSC's NVSP/RNDIS messages
 * on the channel's rings, drains the out ring on a root LP and hands frames to the vSwitch port,
 * copies received frames into receive-buffer sections, and writes send completions
 * (NVSP_MSG1_TYPE_SEND_RNDIS_PKT_COMPLETE, 108) back to the guest.
 *
 * Simplifications: completions are written as one ring entry per batch (flushed when the reader
 * goes idle or after MODEL.compFlushAt), each entry sized as the batch; which root component
 * signals the guest is unverified (facts §9.4 step 4 (U)).
 */
import { guest, root } from '../ids';
import type { Step } from '../core/sequence';
import { F, OP, STEP } from '../core/program';
import { MODEL } from '../costs';
import { ENC, RING_BYTES_COMP } from '../packets';
import { ACT, PART_ROOT, PATH_INDEX, SECTION_BIT, partGuest } from './codes';
import { controlMover } from './control-path';
import type { Host } from './host';
import type { VmRt } from './partition';
import { READER, type Station } from './station';

/** Bytes of a control message (NVSP, RNDIS) in a ring. */
const CONTROL_RING_BYTES = 64;

/** An NVSP or RNDIS message through the channel's rings (facts §9.2). */
export function ringMsg(h: Host, vi: number, dir: 'g2h' | 'h2g', name: string, enc: number, note?: string): Step {
  return (next) => {
    const vm = h.vms[vi] as VmRt;
    const g = { part: partGuest(vi), lp: vm.vpLp, vp: 0 };
    const r = { part: PART_ROOT, lp: vm.txLp };
    const o = { enc, ...(note ? { note } : {}) };
    controlMover(
      h,
      `ring:${dir}:${name}:${note ?? ''}`,
      (b) => {
        if (dir === 'g2h') {
          b.put(vm.out, guest.netvsc(vm.id), CONTROL_RING_BYTES);
          b.hop(guest.netvsc(vm.id), guest.ringOut(vm.id), name, g, { cost: 'H3', ...o });
          b.commit(vm.out, guest.ringOut(vm.id));
          b.hop(guest.ringOut(vm.id), root.netvsp(vm.id), name, r, { cost: 'C3', ...o });
        } else {
          b.put(vm.in, root.netvsp(vm.id), CONTROL_RING_BYTES);
          b.hop(root.netvsp(vm.id), guest.ringIn(vm.id), name, r, { cost: 'H3', ...o });
          b.commit(vm.in, guest.ringIn(vm.id));
          b.hop(guest.ringIn(vm.id), guest.netvsc(vm.id), name, g, { cost: 'C3', ...o });
        }
      },
      name,
      vi,
      next,
    );
  };
}

/** An NVSP message (ENC.NVSP) through the rings. */
export const nvspMsg = (h: Host, vi: number, dir: 'g2h' | 'h2g', name: string, note?: string): Step => ringMsg(h, vi, dir, name, ENC.NVSP, note);

/** Completion batches (NVSP 108) written back through a ring; one ring entry per batch. */
export function compRoute(h: Host, vm: VmRt, host: boolean): number {
  return h.routes.cached(vm.tokenCache, host ? 'comp:host' : 'comp:guest', (id) => {
    const b = h.builder(false);
    b.vm = vm.vi;
    const g = { part: partGuest(vm.vi), lp: vm.vpLp, vp: 0 };
    const rc = { part: PART_ROOT, lp: vm.txLp };
    if (host) {
      b.put(vm.in, root.netvsp(vm.id));
      b.hop(root.netvsp(vm.id), guest.ringIn(vm.id), 'NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE (108)', rc, { cost: 'H3', enc: ENC.NVSP_COMP });
      b.commit(vm.in, guest.ringIn(vm.id));
      b.hop(guest.ringIn(vm.id), guest.netvsc(vm.id), 'NetVSC reads the completions and frees send sections', g, { cost: 'G1', enc: ENC.NVSP_COMP });
      b.action(ACT.TX_WAKE, vm.vi); // netvsc_send_tx_complete: wake a stopped send queue above 20 % free
    } else {
      b.put(vm.out, guest.netvsc(vm.id));
      b.hop(guest.netvsc(vm.id), guest.ringOut(vm.id), 'NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE (108)', g, { cost: 'H3', enc: ENC.NVSP_COMP });
      b.commit(vm.out, guest.ringOut(vm.id));
      b.hop(guest.ringOut(vm.id), root.netvsp(vm.id), 'NetVSP reads the completions and recycles receive sections', rc, { cost: 'R2', enc: ENC.NVSP_COMP });
    }
    b.end();
    return b.build(id, PATH_INDEX.synthetic);
  });
}

/**
 * Write the completions a side owes as one batch entry: the host (NetVSP) completes the guest's
 * sends through the in ring, the guest (NetVSC) completes transfer-page packets through the out
 * ring. Nothing to do when none is owed or the VM is gone.
 */
export function flushCompletions(h: Host, vi: number, host: boolean): void {
  const vm = h.vms[vi] as VmRt;
  const k = host ? vm.hostCompPending : vm.guestCompPending;
  if (k === 0 || !vm.alive) return;
  if (host) {
    vm.hostCompPending = 0;
    vm.compBatchSections.push(vm.hostCompSections); // freed when NetVSC reads this batch
    vm.hostCompSections = 0;
  } else vm.guestCompPending = 0;
  const what = host ? 'send' : 'transfer-page packet';
  h.spawnToken(compRoute(h, vm, host), -1, PATH_INDEX.synthetic, k * RING_BYTES_COMP, h.intern(`${k} completion${k > 1 ? 's' : ''} (trans_id of each ${what})`));
}

/** NetVSP writes the send completions it owes (one batch entry in the in ring). */
export const flushHostCompletions = (h: Host, vi: number): void => flushCompletions(h, vi, true);

/**
 * ACT.HOST_SEND_DONE: NetVSP finished a guest send (facts §9.3 step 8). `arg` is the VM index,
 * with SECTION_BIT when the send used a send-buffer section (freed when the guest reads the 108).
 */
export function hostSendDone(h: Host, arg: number): void {
  if (h.uncontended) return;
  const vi = arg & (SECTION_BIT - 1);
  const vm = h.vms[vi] as VmRt;
  vm.hostCompPending++;
  if (arg & SECTION_BIT) vm.hostCompSections++;
  const out = h.stations[vm.out] as Station;
  if (vm.hostCompPending >= MODEL.compFlushAt || out.reader === READER.IDLE) flushHostCompletions(h, vi);
}

/**
 * A guest's send dropped on its way to the destination (a full ring, a link down, a removed VM)
 * is still completed back to NetVSC (with a failure status in NVSP 108): the switch completes
 * every NBL it took. Finds the HOST_SEND_DONE the route had not reached yet (drops are rare, so
 * the scan is off the hot path).
 */
export function completeDroppedSend(h: Host, s: number): void {
  const code = h.routes.get(h.mv.route[s] as number).code;
  for (let b = ((h.mv.pc[s] as number) + 1) * STEP; b < code.length; b += STEP) {
    if (code[b + F.OP] === OP.ACTION && code[b + F.ARG] === ACT.HOST_SEND_DONE) {
      const arg = code[b + F.ARG2] as number;
      if (h.vms[arg & (SECTION_BIT - 1)]?.alive) hostSendDone(h, arg);
      return;
    }
  }
}
