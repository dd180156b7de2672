/**
 * The SR-IOV virtual function (`nic.vf.<k>` on the NIC, `<vm>.vf` in the guest;
 * hyperv-facts.md §7, §9.8–9.11): bring-up (the PF allocates a VF and its VPort, moves the VM's
 * MAC filter to it, the IOMMU maps the VM for its RID, NetVSP announces it, vPCI carries it into
 * the guest, NetVSC bonds to its miniport and switches the data path), its receive queue with
 * moderated MSI-X retargeted to the guest's vCPU, and failover: on removal (a fault, SR-IOV off,
 * an adapter change) the MAC filter moves back to the PF default VPort first, so traffic falls
 * back to the synthetic path while the VF is ejected and freed.
 *
 * Simplifications: VFs are handed out first come, first served (none free: the VM stays
 * synthetic); the model switches receive routing at SWITCH_DATA_PATH; Windows' exact order at
 * SWITCH_DATA_PATH is unverified (facts §10).
 */
import { guest, nic } from '../ids';
import { MODEL } from '../costs';
import { ENC } from '../packets';
import { act } from '../core/sequence';
import type { Step } from '../core/sequence';
import { ACT, PART_HV, PATH_INDEX } from './codes';
import { cfgStep, emitSimple } from './control-path';
import type { Host } from './host';
import { iommuMap, iommuUnmap } from './iommu';
import { nvspMsg, ringMsg } from './netvsp';
import { refreshPaths, runScript, type VmRt } from './partition';
import { ST, createStation, type Station } from './station';
import { openVpciChannel, rescindChannel } from './vmbus-channel';
import { vpciEnumerate, vpciMsg } from './vpci';

/** The guest side of a VM's VF receive queue (`<vm>.vf`), moderated like a NIC queue. */
export function createVfQueue(h: Host, vmId: string, vi: number): number {
  const st = createStation(h.stations.length, ST.VFQ, guest.vf(vmId), vi);
  st.limit = MODEL.nicQueueDescriptors;
  h.stations.push(st);
  return st.id;
}

/** MSI-X of the VF → hypervisor → the guest vCPU chosen by HvCallRetargetDeviceInterrupt. */
export function vfSignalRoute(h: Host, st: Station): number {
  const vm = h.vms[st.vi] as VmRt;
  const key = vm.vfAssigned;
  return h.routes.cached(st.signalRoutes, key, (id) => {
    const b = h.builder(false);
    b.vm = vm.vi;
    b.hop(nic.vf(key), 'hv', `MSI-X (VF ${key})`, { part: -1, lp: -1 }, { kind: 'interrupt', cost: 'N2', note: 'interrupt remapping by the IOMMU is unverified (facts §9.10 step 3 (U))', unverified: true });
    b.hop('hv', guest.vf(vm.id), 'interrupt forwarded to the vCPU chosen by HvCallRetargetDeviceInterrupt', { part: PART_HV, lp: vm.vpLp }, { kind: 'interrupt', cost: 'H13' });
    b.action(ACT.WAKE, st.id);
    b.end();
    return b.build(id, PATH_INDEX.sriov);
  });
}

/** facts §9.8 (steps 2–7): VF bring-up for an SR-IOV VM whose synthetic adapter is ready. */
export function vfBringUp(h: Host, vi: number): void {
  const vm = h.vms[vi] as VmRt;
  const vf = (step: (k: number) => Step): Step => (next, stop) => step(vm.vfAssigned)(next, stop);
  const steps: Step[] = [
    (next, stop) => {
      if (!vm.alive || vm.vfAssigned > 0 || vm.cfg.adapter !== 'sriov' || !h.cfg.sriov || vm.nvsp !== 'ready') return stop();
      const k = h.vfOwner.findIndex((o, i) => i > 0 && o < 0);
      if (k < 0) {
        emitSimple(h, 'config', 'root.pf', 'nic.eswitch', 'no free VF: synthetic path', { vi, note: `${vm.id} stays on the synthetic path` });
        return stop();
      }
      h.vfOwner[k] = vi;
      vm.vfAssigned = k;
      next();
    },
    vf((k) => cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_ALLOCATE_VF', `VF ${k}`, vi)),
    vf((k) => cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_CREATE_VPORT', `VPort attached to VF ${k}`, vi)),
    vf((k) => cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_RECEIVE_FILTER_MOVE_FILTER', `${vm.mac} → VF ${k} VPort (the model switches receive routing at SWITCH_DATA_PATH)`, vi)),
    iommuMap(h, vm),
    // fidelity audit D15: NVSP 128 and the vPCI offer come in either order (Linux commit 365e1ececb29).
    vf((k) => nvspMsg(h, vi, 'h2g', 'SEND_VF_ASSOCIATION', `NVSP 128: allocated = 1, serial ${k}; drawn before the vPCI offer, but the order is not fixed (the VF may be offered first; Linux handles either)`)),
    ...openVpciChannel(h, vi),
    ...vpciEnumerate(h, vm),
    cfgStep(h, guest.vf(vm.id), 'hv', 'HvCallRetargetDeviceInterrupt', 'vector + target vCPU 0 (0x007E)', vi, 'C1', 'hypercall'),
    cfgStep(h, guest.vf(vm.id), guest.netvsc(vm.id), 'NetVSC bound to the VF miniport', 'Windows: NDIS binds NetVSC; Linux: pairs by serial and opens the VF after 100 ms', vi, 'C3'),
    act(() => {
      vm.vfDataPath = true; // the guest sends on the VF from here
      refreshPaths(h, vm);
    }),
    // fidelity audit D14: Linux commits 8b31f8c982b7, 69d25a6cf4ca, d0922bf79817 wait for the completion.
    ringMsg(h, vi, 'g2h', 'SWITCH_DATA_PATH', ENC.NVSP, 'NVSP 129: active_datapath = 1 (VF); modelled as Windows (unverified, facts §10): the guest sends on the VF at once, while newer Linux waits for the host to complete NVSP 129 first'),
    act(() => {
      vm.vfRx = true;
      refreshPaths(h, vm);
    }),
  ];
  runScript(h, vi, steps);
}

/** facts §9.11: VF removal (failover); traffic continues on the synthetic path. */
export function vfRemove(h: Host, vi: number, reason: string): void {
  const vm = h.vms[vi] as VmRt;
  const vf = (step: (k: number) => Step): Step => (next, stop) => step(vm.vfAssigned)(next, stop);
  const steps: Step[] = [
    (next, stop) => {
      if (!vm.alive || vm.vfAssigned === 0) return stop();
      next();
    },
    cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_RECEIVE_FILTER_MOVE_FILTER', `${vm.mac} → PF default VPort (${reason}); synthetic path live`, vi),
    act(() => {
      vm.vfRx = false;
      refreshPaths(h, vm);
    }),
    vpciMsg(h, vi, 'h2g', 'PCI_EJECT', '0x4249000B'),
    act(() => {
      vm.vfDataPath = false; // VF going down: NetVSC sends on the synthetic path again
      refreshPaths(h, vm);
    }),
    ringMsg(h, vi, 'g2h', 'SWITCH_DATA_PATH', ENC.NVSP, 'NVSP 129: active_datapath = 0 (synthetic)'),
    cfgStep(h, guest.vf(vm.id), guest.netvsc(vm.id), 'VF unbound; VF miniport halted', 'Data path switched from VF → VF unregistering', vi, 'C3'),
    vpciMsg(h, vi, 'g2h', 'PCI_EJECTION_COMPLETE', '0x4249000F'),
    ...rescindChannel(h, vi, 'vPCI channel', 2),
    vf((k) => nvspMsg(h, vi, 'h2g', 'SEND_VF_ASSOCIATION', `NVSP 128: allocated = 0, serial ${k}`)),
    vf((k) => cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_DELETE_VPORT', `VF ${k}`, vi)),
    vf((k) => cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_SRIOV_RESET_VF', `function-level reset of VF ${k}`, vi)),
    iommuUnmap(h, vm),
    vf((k) => cfgStep(h, 'root.pf', 'nic.eswitch', 'OID_NIC_SWITCH_FREE_VF', `VF ${k}`, vi)),
    act(() => {
      h.vfOwner[vm.vfAssigned] = -1;
      vm.vfAssigned = 0;
      refreshPaths(h, vm);
    }),
  ];
  runScript(h, vi, steps);
}

/** `set-sriov`: create the NIC switch and bring VFs up, or remove every VF. */
export function setSriov(h: Host, on: boolean, createSwitch: () => void): void {
  if (h.cfg.sriov === on) return;
  h.cfg = { ...h.cfg, sriov: on };
  if (on) {
    createSwitch();
    for (const vm of h.vms) if (vm.alive && vm.cfg.adapter === 'sriov' && vm.nvsp === 'ready') vfBringUp(h, vm.vi);
  } else {
    for (const vm of h.vms) if (vm.alive && vm.vfAssigned > 0) vfRemove(h, vm.vi, 'host SR-IOV off');
  }
}
