/**
 * The PF miniport: the physical NIC's driver in the root (`root.pf`; hyperv-facts.md §6, §7,
 * §9.4–9.5, §9.8 step 1). It owns the NIC's queues for the vSwitch (VMQ filters are set through
 * it), takes the queues' interrupts on the root VP of their LP, indicates received frames to the
 * vSwitch's external port, transmits the vSwitch's egress, and creates the NIC switch for SR-IOV.
 *
 * Simplifications: single-queue indication per DPC; the interrupt routing hv → root VP is
 * unverified in the fact sheet (facts §9.4 step 1 (U)) and marked so.
 */
import type { RouteBuilder } from '../core/program';
import { PART_HV, PART_ROOT } from './codes';
import { emitSimple } from './control-path';
import type { Host } from './host';

/** facts §9.8 step 1: NDIS creates the NIC switch on the PF. */
export function createNicSwitch(h: Host): void {
  emitSimple(h, 'config', 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_CREATE_SWITCH', { costId: 'C4', part: PART_ROOT, lp: 0 });
}

/** The hypervisor redirects a queue's physical interrupt to the root VP on `lp` (facts §9.4 step 1 (U)). */
export function pfInterruptHop(b: RouteBuilder, lp: number): void {
  b.hop('hv', 'root.pf', `physical interrupt redirected to the root VP on LP ${lp}`, { part: PART_HV, lp }, { kind: 'interrupt', cost: 'H13', note: 'routing detail unverified (facts §9.4 step 1 (U))', unverified: true });
}
