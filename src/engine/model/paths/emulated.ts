/**
 * Emulated Intel 21140 (tulip) path: register accesses trap, the hypervisor sends an intercept
 * message to the root, VID dispatches to the VM's worker process (VMWP), which emulates the device
 * at Fast Ethernet speed (facts §9.6, §9.7, §4; cost H12, N2). The dispatch chain hv → VID →
 * VMWP is marked unverified in the fact sheet (§1.4).
 */
import { guest, root } from '../../ids';
import { MODEL, serializationNs } from '../../costs';
import { ENC } from '../../packets';
import type { RouteBuilder } from '../../core/program';
import { ACT, ADMIT, PART_HV, PART_ROOT, partGuest } from '../codes';
import type { VmPlace } from './context';
import { H12_TOTAL_NS, VP_STALL_NOTE } from '../intercepts';


/** The emulated NIC's 100 Mb/s serialiser in VMWP, as the trace labels it (fidelity audit D7). */
export const EMULATED_PACING = 'coded 100 Mb/s pacing, an assumption: ≈100 Mb/s is what is observed (N1), whether VMWP paces to Fast Ethernet is unverified';

/** Guest send up to the vSwitch (facts §9.6 steps 1–4). Returns the root LP used after it. */
export function emulatedSend(b: RouteBuilder, s: VmPlace, frameBytes: number): number {
  const vm = s.id;
  b.vm = s.vi;
  const g = { part: partGuest(s.vi), lp: s.vpLp, vp: 0 };
  // The driver fills at most TX_RING_SIZE − 2 descriptors, then stops its queue; the rest waits in
  // the guest with no register write (fidelity audit D6; tulip_core.c tulip_start_xmit).
  b.put(s.legacyTx, guest.stack(vm));
  b.hop(guest.stack(vm), guest.legacy(vm), 'tulip driver writes a TX descriptor + buffer in guest RAM, sets OWN', g, { cost: 'H1', enc: ENC.TULIP_TX }); // §9.6 step 1
  // §9.6 step 2: CSR1 write traps; the VP stalls for the whole round trip (H12).
  // The VP stalls for the whole round trip (H12), counted per VM for the inspector (audit D8).
  b.action(ACT.VP_STALL, s.vi);
  b.hop(guest.legacy(vm), 'hv', 'CSR1 write (transmit poll demand)', { part: PART_HV, lp: s.vpLp, res: s.vpLp, busy: H12_TOTAL_NS }, { kind: 'vmexit', cost: 'H12a', enc: ENC.TULIP_TX, note: VP_STALL_NOTE });
  // §9.6 step 3 (U): intercept message on SINT0 → VID → VMWP device model.
  // H12b runs on the VP's LP inside H12a's hold of it (the whole round trip): no second occupancy (D1).
  b.hop('hv', 'root.vid', 'X64IoPortIntercept message (SINT0)', { part: PART_HV, lp: s.vpLp, res: -1 }, { cost: 'H12b', enc: ENC.TULIP_TX });
  b.hop('root.vid', root.vmwp(vm), 'VID dispatches the intercept to the VMWP device model (user mode)', { part: PART_ROOT, lp: s.txLp }, { cost: 'H12c', enc: ENC.TULIP_TX });
  b.fork(s.resumeToken('CSR1 write (transmit poll demand)')); // §9.6 step 5 (U): resume the VP
  // §9.6 step 4 (U): the device model reads the descriptor and buffer from guest memory.
  b.hop(root.vmwp(vm), root.vmwp(vm), 'device model reads the TX descriptor + buffer from guest RAM', { part: PART_ROOT, lp: s.txLp }, { kind: 'copy', cost: 'E1', enc: ENC.TULIP_TX });
  const ser = serializationNs(frameBytes, MODEL.emulatedGbps);
  b.hop(root.vmwp(vm), 'root.vswitch', 'emulated port (NdisSwitchPortTypeEmulated): frame sent at 100 Mb/s, ingress', { part: PART_ROOT, lp: s.txLp, res: s.legacyTxRes, busy: ser }, {
    cost: 'H10',
    lat: ser,
    cycles: 450,
    enc: ENC.NBL,
    // fidelity audit D7: the ceiling is this serialiser, not the exit costs; the trace says so.
    note: `${EMULATED_PACING}; hand-off from VMWP to the vSwitch is unverified (§9.6 step 4 (U))`,
    unverified: true,
  });
  b.action(ACT.LEGACY_TX_DONE, s.vi); // TX-done interrupt only at half ring (N2)
  return s.txLp;
}

/** From the vSwitch egress to the guest stack through the emulated NIC (facts §9.7). */
export function emulatedReceive(b: RouteBuilder, d: VmPlace, frameBytes: number, hostSendDoneVm = -1): void {
  const vm = d.id;
  b.vm = d.vi;
  b.admit(ADMIT.LEGACY_RX, d.vi, root.vmwp(vm), 'legacy-rx-overrun');
  const ser = serializationNs(frameBytes, MODEL.emulatedGbps);
  // §9.7 step 2 (U): the device model finds an RX descriptor with OWN set and copies the frame.
  b.hop(root.vmwp(vm), guest.legacy(vm), 'device model writes the frame into a guest RX buffer, clears OWN, sets CSR5 RI (100 Mb/s)', { part: PART_ROOT, lp: d.txLp, res: d.legacyRxRes, busy: ser }, {
    kind: 'copy',
    cost: 'E1',
    lat: ser,
    enc: ENC.TULIP_RX,
    note: EMULATED_PACING,
  });
  // A synthetic sender's buffer has been copied into the guest: its send completes now (audit D2).
  if (hostSendDoneVm >= 0) b.action(ACT.HOST_SEND_DONE, hostSendDoneVm);
  b.put(d.legacyRx, guest.legacy(vm));
  b.commit(d.legacyRx, guest.legacy(vm)); // §9.7 step 3: virtual interrupt unless the ISR runs
  const g = { part: partGuest(d.vi), lp: d.vpLp, vp: 0 };
  b.hop(guest.legacy(vm), guest.stack(vm), 'tulip driver passes the frame to the stack', g, { cost: 'H1', enc: ENC.ETH });
  b.deliver(guest.stack(vm), 'delivered to the guest stack', ENC.ETH);
}
