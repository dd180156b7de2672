import type { AdapterKind, SimConfig, VmId } from '../../../engine/types';

/** A host for layout tests: `vms` VMs cycling synthetic, emulated, SR-IOV; VMQ and SR-IOV on. */
export function layoutTestConfig(vms: number, over: Partial<SimConfig> = {}): SimConfig {
  const adapters: AdapterKind[] = ['synthetic', 'emulated', 'sriov'];
  return {
    vms: Array.from({ length: vms }, (_, i) => ({ id: `vm${i + 1}` as VmId, adapter: adapters[i % 3] as AdapterKind, vcpus: 2 })),
    vmq: true,
    sriov: true,
    nic: { vmqQueues: 8, vfCount: 8, linkGbps: 10 },
    logicalProcessors: 8,
    flows: [],
    extensions: { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: false },
    faults: [],
    ...over,
  };
}
