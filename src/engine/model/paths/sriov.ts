/**
 * SR-IOV path: NetVSC bonded to the VF miniport; the VF DMAs guest memory through the IOMMU; the
 * NIC switch forwards between the physical port and VPorts (facts §9.9, §9.10, §7). No VMBus
 * event and no root CPU on this path.
 */
import { guest, nic } from '../../ids';
import { cost } from '../../costs';
import { ENC } from '../../packets';
import { NO_CHARGE, type RouteBuilder } from '../../core/program';
import { partGuest } from '../codes';
import type { VmPlace } from './context';

/** Guest send up to the NIC switch (facts §9.9 steps 1–3). */
export function sriovSend(b: RouteBuilder, s: VmPlace, bypass?: string): void {
  const vm = s.id;
  const vf = nic.vf(s.vf);
  b.vm = s.vi;
  const g = { part: partGuest(s.vi), lp: s.vpLp, vp: 0 };
  b.hop(guest.stack(vm), guest.netvsc(vm), 'frame to the VM network adapter (NetVSC)', g, { cost: 'H1', enc: ENC.ETH }); // §9.9 step 1
  // A port policy on the VM's vSwitch port does not see this frame (port-policy.ts: SR-IOV bypass).
  b.hop(guest.netvsc(vm), guest.vf(vm), 'NetVSC sends on the bonded VF miniport (data path = VF)', g, { cost: 'G2', enc: ENC.ETH, ...(bypass ? { note: bypass } : {}) });
  // §9.9 step 2 (U): the VF BAR is mapped into the guest, so the doorbell does not exit.
  b.hop(guest.vf(vm), vf, 'TX descriptor (GPA) written; doorbell MMIO write to the VF BAR (no VM exit)', g, { cost: 'H15', enc: ENC.VF_DMA });
  const half = Math.round(cost('H16T').latencyNs / 2);
  // §9.9 step 3: DMA read GPA → IOMMU (VF RID context) → SPA.
  b.hop(vf, 'iommu', 'DMA read request: GPA → SPA (VF RID context)', NO_CHARGE, { kind: 'dma', cost: 'H16T', lat: half, enc: ENC.VF_DMA, miss: true });
  b.hop('iommu', vf, 'DMA read completion: descriptor + payload', NO_CHARGE, { kind: 'dma', cost: 'H16T', lat: half, enc: ENC.VF_DMA });
  b.hop(vf, 'nic.eswitch', 'VF VPort → NIC switch lookup (dest MAC/VLAN)', NO_CHARGE, { cost: 'N1', enc: ENC.ETH }); // §9.9 step 4
}

/** From a VF's receive queue to the guest stack (facts §9.10 steps 2–4). */
export function sriovReceive(b: RouteBuilder, d: VmPlace, bypass?: string): void {
  const vm = d.id;
  const vf = nic.vf(d.vf);
  b.vm = d.vi;
  const half = Math.round(cost('H16R').latencyNs / 2);
  b.hop(vf, 'iommu', 'DMA write: GPA → SPA (VF RID context)', NO_CHARGE, { kind: 'dma', cost: 'H16R', lat: half, enc: ENC.VF_DMA, miss: true }); // step 2
  b.hop('iommu', guest.vf(vm), 'payload + RX descriptor written into guest memory', NO_CHARGE, { kind: 'dma', cost: 'H16R', lat: half, enc: ENC.VF_DMA });
  b.put(d.vfq, guest.vf(vm));
  b.commit(d.vfq, guest.vf(vm)); // step 3: moderated MSI-X → hypervisor → retargeted vCPU
  const g = { part: partGuest(d.vi), lp: d.vpLp, vp: 0 };
  b.hop(guest.vf(vm), guest.netvsc(vm), 'VF miniport indicates the frame to NetVSC (VM network adapter)', g, { cost: 'G2', enc: ENC.ETH, ...(bypass ? { note: bypass } : {}) }); // step 4
  b.hop(guest.netvsc(vm), guest.stack(vm), 'frame indicated to the guest stack', g, { cost: 'H1', enc: ENC.ETH });
  b.deliver(guest.stack(vm), 'delivered to the guest stack', ENC.ETH);
}
