/**
 * vPCI, the virtual PCI bus that carries an SR-IOV VF into the guest (`<vm>.vpci`,
 * `root.vpci.<vm>`; hyperv-facts.md §7.3, §9.8 steps 4–6, §9.11): over its own VMBus channel the
 * guest's vPCI driver negotiates the protocol, learns the bus relations (the VF), powers the
 * device (D0 entry), gets its resources and its interrupt message; on removal the host ejects
 * the device and the guest confirms.
 *
 * Simplifications: one VF per bus; the config-space MMIO window and BARs are named, not modelled.
 */
import type { Step } from '../core/sequence';
import { ENC } from '../packets';
import { PART_ROOT, partGuest } from './codes';
import { cfgStep, controlMover } from './control-path';
import type { Host } from './host';
import type { VmRt } from './partition';

/** One vPCI protocol message over the vPCI VMBus channel. */
export function vpciMsg(h: Host, vi: number, dir: 'g2h' | 'h2g', name: string, note?: string): Step {
  return (next) => {
    const vm = h.vms[vi] as VmRt;
    const o = { cost: 'C3', enc: ENC.VPCI, note: note ?? 'over the vPCI VMBus channel (4-page ring)' };
    controlMover(
      h,
      `vpci:${dir}:${name}:${note ?? ''}`,
      (b) => {
        if (dir === 'g2h') b.hop(`${vm.id}.vpci`, `root.vpci.${vm.id}`, name, { part: PART_ROOT, lp: vm.txLp }, o);
        else b.hop(`root.vpci.${vm.id}`, `${vm.id}.vpci`, name, { part: partGuest(vi), lp: vm.vpLp, vp: 0 }, o);
      },
      name,
      vi,
      next,
    );
  };
}

/** facts §9.8 step 6: the guest enumerates the VF on the vPCI bus and gets its MSI. */
export function vpciEnumerate(h: Host, vm: VmRt): Step[] {
  const vi = vm.vi;
  return [
    vpciMsg(h, vi, 'g2h', 'PCI_QUERY_PROTOCOL_VERSION', '0x42490013'),
    vpciMsg(h, vi, 'h2g', 'PCI_QUERY_PROTOCOL_VERSION completion'),
    vpciMsg(h, vi, 'g2h', 'PCI_QUERY_BUS_RELATIONS', '0x42490001'),
    (next, stop) => vpciMsg(h, vi, 'h2g', 'PCI_BUS_RELATIONS', `0x42490000: VF ${vm.vfAssigned}, serial ${vm.vfAssigned}`)(next, stop),
    vpciMsg(h, vi, 'g2h', 'PCI_BUS_D0ENTRY', '0x42490007: config MMIO window'),
    vpciMsg(h, vi, 'h2g', 'PCI_BUS_D0ENTRY completion'),
    vpciMsg(h, vi, 'g2h', 'PCI_RESOURCES_ASSIGNED', '0x42490010: BARs'),
    vpciMsg(h, vi, 'h2g', 'PCI_RESOURCES_ASSIGNED completion'),
    cfgStep(h, `${vm.id}.vpci`, `${vm.id}.vf`, 'VF enumerated; VF miniport loads', 'guest PCI core (PnP)', vi, 'C3'),
    vpciMsg(h, vi, 'g2h', 'PCI_CREATE_INTERRUPT_MESSAGE', '0x42490014: MSI for the VF'),
    vpciMsg(h, vi, 'h2g', 'PCI_CREATE_INTERRUPT_MESSAGE completion', 'MSI address/data'),
  ];
}
