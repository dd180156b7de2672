import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { scenarioConfig } from '../scenarios';
import { configSteps, runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('sriov-vf: bring-up and failover', () => {
  it('allocates the VF and its VPort, moves the filter, maps the IOMMU, then switches the data path', () => {
    const { events, sim } = runCollect(host(['sriov']), 3_000_000);
    const steps = configSteps(events, 'vm1');
    const i = steps.indexOf('OID_NIC_SWITCH_ALLOCATE_VF');
    expect(steps.slice(i, i + 4)).toEqual(['OID_NIC_SWITCH_ALLOCATE_VF', 'OID_NIC_SWITCH_CREATE_VPORT', 'OID_RECEIVE_FILTER_MOVE_FILTER', 'IOMMU map']);
    const vm = sim.snapshot().vms[0]!;
    expect(vm.vf).toBe(1);
    expect(vm.activePath).toBe('sriov');
  });

  it('fails over to the synthetic path when the VF is removed and back when it returns', () => {
    const sim = createSimulation(scenarioConfig('vf-failover'), { seed: 1 });
    sim.runUntil(900_000);
    expect(sim.snapshot().vms[0]?.activePath).toBe('sriov');
    sim.runUntil(2_500_000);
    expect(sim.snapshot().vms[0]).toMatchObject({ activePath: 'synthetic', vf: null });
    sim.runUntil(5_000_000);
    expect(sim.snapshot().vms[0]?.activePath).toBe('sriov');
    // Traffic kept flowing: TCP-like requests recovered through the failover.
    expect(sim.metrics().accounting.delivered).toBeGreaterThan(0);
  });
});

describe('sriov-vf: VF to a synthetic VM honours the destination’s VMQ queue (fidelity audit D13)', () => {
  it('the NIC switch hands the frame to the PF queue the destination’s filter names', () => {
    const c = host(['sriov', 'synthetic']);
    c.flows = [flow('v', 'vm-to-vm', 'vm1', { ratePps: 20_000, peerVm: 'vm2' })];
    const { events, sim } = runCollect(c, 3_000_000);
    const q = sim.snapshot().vms[1]!.vmqQueue;
    expect(q).not.toBeNull();
    const legs = events.filter((e) => e.kind === 'dma' && e.from === 'nic.eswitch').map((e) => e.to);
    expect(legs).toContain(`nic.queue.${q}`);
    expect(legs).not.toContain('nic.queue.default');
  });
});

describe('sriov-vf: labels what is assumed about the order (fidelity audit D14, D15)', () => {
  it('NVSP 128 says its order with the vPCI offer is not fixed; NVSP 129 says the guest is modelled as Windows', () => {
    const { events } = runCollect(host(['sriov']), 3_000_000);
    expect(events.find((e) => e.detail === 'SEND_VF_ASSOCIATION')?.note).toMatch(/order is not fixed/);
    expect(events.find((e) => e.detail === 'SWITCH_DATA_PATH')?.note).toMatch(/modelled as Windows \(unverified.*newer Linux waits for the host to complete NVSP 129/);
  });
});
