/**
 * Intercepts and VM exits (hyperv-facts.md §1.4, §4, §9.6 steps 2–5, cost H12a–e, H11): a guest
 * access to an emulated device's register traps (a VM exit); the hypervisor sends an intercept
 * message (X64IoPortIntercept, on SINT0) to the root, where VID dispatches it to the VM's worker
 * process; the device model completes the access and resumes the VP (HvCallSetVpRegisters, VM
 * entry). The VP is stalled for the whole round trip.
 *
 * Simplifications: the dispatch chain hv → VID → VMWP is unverified (facts §1.4) and marked so
 * in the cost rows; every access is a port I/O intercept; the round trip is H12_TOTAL_NS.
 */
import { guest, root } from '../ids';
import type { RouteBuilder } from '../core/program';
import { cost } from '../costs';
import { ACT, PART_HV, PART_ROOT } from './codes';
import type { VmPlace } from './paths/context';

/** The vCPU's stall, said on every register exit (fidelity audit D8). */
export const VP_STALL_NOTE = 'the vCPU stalls ≈10 µs until the access is emulated and it resumes (H12)';

/** The register-access round trip split of H12 (H12a…H12e): the VP's LP is held this long. */
export const H12_TOTAL_NS = cost('H12').latencyNs;

/** Exit → intercept message → VMWP emulates → VP resumes (no action, no end). */
export function interceptRoundTrip(b: RouteBuilder, s: VmPlace, reg: string): void {
  const vm = s.id;
  b.vm = s.vi;
  b.action(ACT.VP_STALL, s.vi); // the VP stalls H12_TOTAL_NS (fidelity audit D8)
  b.hop(guest.legacy(vm), 'hv', reg, { part: PART_HV, lp: s.vpLp, res: s.vpLp, busy: H12_TOTAL_NS }, { kind: 'vmexit', cost: 'H12a', scaled: false, note: VP_STALL_NOTE });
  // H12b and H12e run on the VP's LP inside H12a's hold of it (the whole round trip): no second occupancy.
  b.hop('hv', 'root.vid', 'X64IoPortIntercept message (SINT0)', { part: PART_HV, lp: s.vpLp, res: -1 }, { cost: 'H12b', scaled: false });
  b.hop('root.vid', root.vmwp(vm), `VMWP emulates: ${reg}`, { part: PART_ROOT, lp: s.txLp }, { cost: 'H12c', scaled: false });
  resumeVp(b, s, reg);
}

/** VMWP completes an access and the VP resumes (facts §9.6 step 5 (U)). */
export function resumeVp(b: RouteBuilder, s: VmPlace, reg: string): void {
  const vm = s.id;
  b.hop(root.vmwp(vm), 'hv', 'HvCallSetVpRegisters', { part: PART_HV, lp: s.txLp }, { kind: 'hypercall', cost: 'H12d', note: `completes: ${reg}`, scaled: false });
  // The VMWP's hypercall occupies the root LP it runs on (D1); the VM entry is inside H12a's hold.
  b.hop('hv', guest.legacy(vm), 'VP resumes (VM entry)', { part: PART_HV, lp: s.vpLp, res: -1 }, { cost: 'H12e', scaled: false });
}

/** End of interrupt: an APIC write, handled in the hypervisor (no AutoEOI for an emulated device). */
export function eoiHop(b: RouteBuilder, s: VmPlace): void {
  b.hop(guest.legacy(s.id), 'hv', 'EOI (APIC write)', { part: PART_HV, lp: s.vpLp }, { kind: 'vmexit', cost: 'H11', note: 'handled in the hypervisor; no AutoEOI for an emulated device (I4/I5)' });
}
