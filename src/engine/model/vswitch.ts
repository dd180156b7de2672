/**
 * The Hyper-V extensible switch (`root.vswitch`, `root.vswitch.<extension>`; hyperv-facts.md §5,
 * §9.3 step 6–8, §9.4 step 2–3, cost H7): a port and a NIC per VM adapter, created by VMMS before
 * the NIC connects (OID_SWITCH_PORT_CREATE, OID_SWITCH_NIC_CREATE, OID_SWITCH_NIC_CONNECT); each
 * packet enters at the protocol edge (ingress), passes the extensions in stack order (capturing,
 * filtering, forwarding), and leaves on the destination port (egress). The route compilers
 * (paths/compose.ts) lay the per-packet hops; this module owns the ports and the extension set.
 *
 * Every packet goes down the extensions on ingress and back up them on egress (fidelity audit
 * D3, WDK extensible switch data path); rules naming the destination VM act on egress only.
 *
 * Simplifications: one switch; at most one forwarding extension; the forwarding extension's
 * egress visit follows its ingress visit directly (the miniport edge between them is not drawn);
 * filter rules match protocol, L4 port and VMs.
 */
import type { Step } from '../core/sequence';
import { cfgStep, emitSimple } from './control-path';
import type { Host } from './host';
import type { VmRt } from './partition';
import type { SimConfig } from '../types';

/** facts §5.1: the port, then the NIC, are created before the NIC connects. */
export function portCreate(h: Host, vi: number, emulated: boolean): Step[] {
  return [
    cfgStep(h, 'root.vmms', 'root.vswitch', 'OID_SWITCH_PORT_CREATE', emulated ? 'port type Emulated (3)' : 'port type Synthetic (2)', vi),
    cfgStep(h, 'root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_CREATE', emulated ? 'NIC type Emulated (2)' : 'NIC type Synthetic (1)', vi),
  ];
}

export function nicConnect(h: Host, vi: number, note: string): Step {
  return cfgStep(h, 'root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_CONNECT', note, vi);
}

export function nicDisconnect(h: Host, vi: number, note?: string): Step {
  return cfgStep(h, 'root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_DISCONNECT', note, vi);
}

/**
 * The VM stopped: its NIC is disconnected (the switch completes the packets it still holds), its
 * VMQ queue freed, then the NIC deleted, the port torn down and deleted, in the order the WDK
 * gives (fidelity audit D11; learn.microsoft.com oid-switch-nic-disconnect, oid-switch-port-delete).
 * The VM is off, so its guest runs no teardown of its own (a hot-removed adapter would revoke
 * its buffers and close the channel first: netvsc.c netvsc_device_remove).
 */
export function portDelete(h: Host, vm: VmRt): void {
  const vi = vm.vi;
  emitSimple(h, 'config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_DISCONNECT', { vi, note: `${vm.id} stopped: the switch completes the packets it holds for the NIC; the guest is off and runs no teardown` });
  if (vm.vmqQueue > 0) {
    emitSimple(h, 'config', 'root.pf', 'nic', 'OID_RECEIVE_FILTER_CLEAR_FILTER', { vi, note: `queue ${vm.vmqQueue}` });
    emitSimple(h, 'config', 'root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_FREE_QUEUE', { vi, note: `queue ${vm.vmqQueue}` });
  }
  emitSimple(h, 'config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_NIC_DELETE', { vi });
  emitSimple(h, 'config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_PORT_TEARDOWN', { vi });
  emitSimple(h, 'config', 'root.vmms', 'root.vswitch', 'OID_SWITCH_PORT_DELETE', { vi });
}

/** `set-extensions`: new packets take the new chain; packets in flight finish on theirs. */
export function setExtensions(h: Host, extensions: SimConfig['extensions']): void {
  h.cfg = { ...h.cfg, extensions: JSON.parse(JSON.stringify(extensions)) as SimConfig['extensions'] };
  h.flowRoutes.clear();
  h.topoChanged();
}
