import { describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig } from '../engine';
import type { SimConfig, TraceEvent, VmId } from '../engine/types';
import { routesSettledNs } from './engineHost';
import { noEffectReason, pendingEffects } from './pending';

/** Run a simulation with a per-VM event collector (control and config events since `since`). */
function harness(config: SimConfig) {
  const sim = createSimulation(config, { seed: 1 });
  let since = 0;
  const events = new Map<VmId, TraceEvent[]>();
  sim.subscribe((e) => {
    if (!e.vm || e.t < since) return;
    if (!events.has(e.vm)) events.set(e.vm, []);
    events.get(e.vm)!.push(e);
  });
  return {
    sim,
    mark() {
      since = sim.now();
      events.clear();
    },
    pending() {
      return pendingEffects(sim.config as SimConfig, sim.snapshot().vms, (vm) => events.get(vm) ?? []);
    },
  };
}

describe('pending route effects', () => {
  it('the default configuration settles with every VM on its configured path', () => {
    const t = routesSettledNs(defaultConfig(), 1);
    expect(t).not.toBeNull();
    const h = harness(defaultConfig());
    h.sim.runUntil(t as number);
    expect(h.pending()).toEqual([]);
    expect(h.sim.snapshot().vms.map((v) => v.activePath)).toEqual(['emulated', 'synthetic', 'sriov']);
  });

  it('names each step of the VF bring-up until the data path switches, then clears', () => {
    const h = harness(defaultConfig());
    h.sim.runUntil(routesSettledNs(defaultConfig(), 1) as number);
    h.sim.apply({ kind: 'set-sriov', on: false });
    h.mark();
    expect(h.pending()).toMatchObject([{ vm: 'vm3', step: 'vfRemoval', target: 'synthetic' }]);
    h.sim.runUntil(h.sim.now() + 300_000);
    expect(h.pending()).toEqual([]);

    h.sim.apply({ kind: 'set-sriov', on: true });
    h.mark();
    const steps: string[] = [];
    for (let i = 0; i < 400; i++) {
      const p = h.pending();
      if (p.length === 0) break;
      const s = (p[0] as { step: string }).step;
      if (steps[steps.length - 1] !== s) steps.push(s);
      h.sim.runUntil(h.sim.now() + 1000);
    }
    expect(steps).toEqual(['vfBringUp', 'vpciOffer', 'dataPathSwitch']);
    expect(h.pending()).toEqual([]);
    expect(h.sim.snapshot().vms[2]?.activePath).toBe('sriov');
  });

  it('VMQ off: each queued VM waits for its queue release', () => {
    const h = harness(defaultConfig());
    h.sim.runUntil(routesSettledNs(defaultConfig(), 1) as number);
    h.sim.apply({ kind: 'set-vmq', on: false });
    h.mark();
    expect(h.pending().map((p) => [p.vm, p.step])).toEqual([
      ['vm2', 'vmqRelease'],
      ['vm3', 'vmqRelease'],
    ]);
    h.sim.runUntil(h.sim.now() + 300_000);
    expect(h.pending()).toEqual([]);
  });
});

describe('a switch with no route effect says why', () => {
  const synthetic = (): SimConfig => ({
    ...defaultConfig(),
    vms: [
      { id: 'vm1', adapter: 'synthetic', vcpus: 2 },
      { id: 'vm2', adapter: 'synthetic', vcpus: 2 },
    ],
    flows: [{ id: 'f1', direction: 'external-to-vm', vm: 'vm2', protocol: 'tcp', packetBytes: 1500, ratePps: 50_000 }],
  });

  it('SR-IOV without an SR-IOV adapter offers one to the VM that receives', () => {
    expect(noEffectReason(synthetic(), 'sriov')).toEqual({ key: 'sriovNoAdapter', params: { vm: 'vm2' }, fix: { key: 'giveSriov', vm: 'vm2' } });
    expect(noEffectReason(defaultConfig(), 'sriov')).toBeNull();
  });

  it('VMQ needs a synthetic VM that receives', () => {
    expect(noEffectReason(defaultConfig(), 'vmq')).toBeNull();
    const c = synthetic();
    c.flows = [{ id: 'f1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 50_000 }];
    expect(noEffectReason(c, 'vmq')).toMatchObject({ key: 'vmqNoReceive', fix: { key: 'addReceive', vm: 'vm1' } });
    c.vms = c.vms.map((v) => ({ ...v, adapter: 'emulated' }));
    expect(noEffectReason(c, 'vmq')).toMatchObject({ key: 'vmqNoSynthetic', fix: { key: 'giveSynthetic', vm: 'vm1' } });
  });
});
