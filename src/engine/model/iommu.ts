/**
 * The IOMMU (`iommu`; hyperv-facts.md §7.2, §9.8 step 5, §9.9 step 3, §9.10 step 2, cost H14,
 * H16): the hypervisor maps the VM's memory for the VF's requester id (RID), so the VF can DMA
 * with guest-physical addresses that the IOMMU translates to system-physical ones; translations
 * are cached in the IOTLB.
 *
 * Simplifications: one mapping per VF covering the first 4 GiB (memory pinned at VM creation);
 * an IOTLB miss is a coin toss per DMA hop (MODEL.iotlbMissProbability) adding H14's latency;
 * interrupt remapping is not modelled (facts §9.10 step 3 (U)).
 */
import type { Step } from '../core/sequence';
import { MODEL, cost } from '../costs';
import { cfgStep } from './control-path';
import type { Host } from './host';
import type { VmRt } from './partition';
import type { VmState } from '../types';

/** Set the kernel's miss model for DMA hops (FLAG_MISS) from the IOTLB figures. */
export function configureIotlb(h: Host, scale: number): void {
  h.missProbability = MODEL.iotlbMissProbability;
  h.missNs = cost('H14').latencyNs * scale;
}

/** facts §9.8 step 5: map the VM's memory for the VF's RID. */
export function iommuMap(h: Host, vm: VmRt): Step {
  return (next, stop) => cfgStep(h, 'hv', 'iommu', 'IOMMU map', `VM memory (pinned at creation) for the RID of VF ${vm.vfAssigned}`, vm.vi)(next, stop);
}

/** facts §9.11: unmap the VF's RID. */
export function iommuUnmap(h: Host, vm: VmRt): Step {
  return (next, stop) => cfgStep(h, 'hv', 'iommu', 'IOMMU unmap', `RID of VF ${vm.vfAssigned}`, vm.vi)(next, stop);
}

/** The VM's IOMMU mappings as the snapshot shows them (none without a VF). */
export function iommuMappings(vm: VmRt): VmState['iommuMappings'] {
  const vf = vm.vfAssigned;
  if (vf <= 0) return [];
  return [{ gpaStart: '0x0', gpaEnd: '0xffffffff', spaStart: `0x${(0x100000000 * (vm.num + 1)).toString(16)}`, rid: `0000:03:${(0x10 + vf).toString(16).padStart(2, '0')}.0` }];
}
