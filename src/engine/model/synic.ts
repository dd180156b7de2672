/**
 * SynIC and hypercalls (hyperv-facts.md §1.3, §2.2, §9.1 step 1, §9.3 step 4, §9.4 step 4): the
 * synthetic interrupt controller each VP has (message page SIMP, event flags page SIEFP, SINTx),
 * enabled by the guest through MSR writes, and the two hypercalls VMBus uses:
 * HvCallPostMessage (channel messages into the partner's SynIC message slot) and
 * HvCallSignalEvent (a ring's "kick": sets the channel's event flag and raises SINT2).
 *
 * Hypervisor time occupies the LP it runs on (fidelity audit D1; cost-model §8 H4 "on the signalling
 * LP", H5 "target LP"): a hypercall is made on the caller's LP, and the SynIC interrupt is handled
 * on the target VP's LP, so neither can run while that LP does other work.
 *
 * Simplifications: one message slot (no queueing when a slot is busy, no EOM flow control); the
 * root-side delivery of a guest's signal is unverified in the fact sheet and marked so.
 */
import { guest, root } from '../ids';
import type { RouteBuilder } from '../core/program';
import type { Step } from '../core/sequence';
import { PART_HV, PART_ROOT, partGuest } from './codes';
import { cfgStep } from './control-path';
import type { Host } from './host';
import type { VmRt } from './partition';

/** facts §9.1 step 1: the guest enables its SynIC (MSR writes, each a VM exit). */
export function synicEnable(h: Host, vm: VmRt): Step[] {
  const msr = (name: string, note: string) => cfgStep(h, guest.vmbus(vm.id), 'hv', name, note, vm.vi, 'C5', 'vmexit');
  return [
    msr('WRMSR SIMP (0x40000083)', 'SynIC message page'),
    msr('WRMSR SIEFP (0x40000082)', 'SynIC event flags page'),
    msr('WRMSR SINT2 (0x40000092)', 'unmask SINT2 with the VMBus vector'),
    msr('WRMSR SCONTROL (0x40000080)', 'enable the SynIC'),
  ];
}

/** HvCallPostMessage and the SynIC message slot on the other side (facts §2.2, §9.1). */
export function postMessageHops(b: RouteBuilder, vm: VmRt, dir: 'g2h' | 'h2g', name: string, note: string | undefined, enc: number): void {
  const post = `HvCallPostMessage (0x005C)${note ? `; ${note}` : ''}`;
  if (dir === 'g2h') {
    b.hop(guest.vmbus(vm.id), 'hv', name, { part: PART_HV, lp: vm.vpLp }, { cost: 'C1', enc, note: post });
    b.hop('hv', 'root.vmbus', name, { part: PART_ROOT, lp: vm.txLp }, { cost: 'C2', enc, note: 'SynIC message slot + interrupt on a root VP; root VMBus driver handles it' });
  } else {
    b.hop('root.vmbus', 'hv', name, { part: PART_HV, lp: vm.txLp }, { cost: 'C1', enc, note: post });
    b.hop('hv', guest.vmbus(vm.id), name, { part: partGuest(vm.vi), lp: vm.vpLp, vp: 0 }, { cost: 'C2', enc, note: 'SIM[SINT2] + SynIC interrupt; the guest frees the slot and writes EOM only if msg_pending is set' });
  }
}

/** Guest kicks the host (facts §9.3 step 4): HvCallSignalEvent → SynIC on a root VP (U) → NetVSP. */
export function signalHostHops(b: RouteBuilder, vm: VmRt): void {
  b.hop(guest.netvsc(vm.id), 'hv', 'HvCallSignalEvent', { part: PART_HV, lp: vm.vpLp }, { kind: 'hypercall', cost: 'H4', note: 'ring was empty and the host reader is not masked' });
  b.hop('hv', 'root.vmbus', 'SynIC interrupt on a root VP (event flag of the channel)', { part: PART_HV, lp: vm.txLp }, { kind: 'interrupt', cost: 'H5', unverified: true, note: 'root-side delivery is unverified (facts §9.3 step 4 (U))' });
  b.hop('root.vmbus', root.netvsp(vm.id), 'channel callback: NetVSP starts draining', { part: PART_ROOT, lp: vm.txLp }, { cost: 'R1' });
}

/** Host kicks the guest (facts §9.4 step 4, §1.3): SIEF bit + SINT2 → VMBus ISR → NetVSC. */
export function signalGuestHops(b: RouteBuilder, vm: VmRt, lp: number, sub: { chan: number; vp: number; lp: number } | null = null): void {
  b.hop(root.netvsp(vm.id), 'hv', 'HvCallSignalEvent', { part: PART_HV, lp }, { kind: 'hypercall', cost: 'H4', note: 'ring was empty and the guest is not masked; which root component calls it is unverified', unverified: true });
  // A subchannel (vrss.ts) interrupts its own target VP.
  const vpLp = sub ? sub.lp : vm.vpLp;
  const subNote = sub ? { note: `subchannel ${sub.chan}: target_vp ${sub.vp}` } : {};
  b.hop('hv', guest.vmbus(vm.id), 'SIEF bit relid set; SINT2 interrupt on the channel target VP', { part: PART_HV, lp: vpLp }, { kind: 'interrupt', cost: 'H5', ...subNote });
  b.hop(guest.vmbus(vm.id), guest.netvsc(vm.id), 'VMBus ISR → NetVSC callback: mask, schedule NAPI', { part: partGuest(vm.vi), lp: vpLp, vp: sub ? sub.vp : 0 }, { cost: 'G3', ...subNote });
}

/**
 * The guest reader of the in ring freed pending_send_sz: it signals the blocked host writer
 * (ring_buffer.c hv_pkt_iter_close; facts §2.3 rule 3). Root-side delivery as in signalHostHops.
 */
export function signalBlockedHostHops(b: RouteBuilder, vm: VmRt): void {
  b.hop(guest.netvsc(vm.id), 'hv', 'HvCallSignalEvent', { part: PART_HV, lp: vm.vpLp }, { kind: 'hypercall', cost: 'H4', note: 'reader freed pending_send_sz: signal the blocked host writer (hv_pkt_iter_close)' });
  b.hop('hv', 'root.vmbus', 'SynIC interrupt on a root VP (event flag of the channel)', { part: PART_HV, lp: vm.txLp }, { kind: 'interrupt', cost: 'H5', unverified: true, note: 'root-side delivery is unverified (facts §9.3 step 4 (U))' });
  b.hop('root.vmbus', root.netvsp(vm.id), 'NetVSP resumes writing the in ring', { part: PART_ROOT, lp: vm.txLp }, { cost: 'R1' });
}
