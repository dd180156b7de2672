/** Shared test fixtures (no test runner imports, so any test may use them). */
import type { SimConfig } from '../engine/types';
import type { ConfigValidator } from './scenarioFile';

export const sampleConfig = (): SimConfig => ({
  vms: [
    { id: 'vm1', adapter: 'synthetic', vcpus: 2 },
    { id: 'vm2', adapter: 'emulated', vcpus: 1, vlan: 10 },
    { id: 'vm3', adapter: 'sriov', vcpus: 4 },
  ],
  vmq: true,
  sriov: true,
  nic: { vmqQueues: 4, vfCount: 4, linkGbps: 10 },
  logicalProcessors: 8,
  flows: [{ id: 'f1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 100_000 }],
  extensions: { capture: true, filter: { enabled: true, dropRules: [{ id: 'r1', protocol: 'udp', dstPort: 53 }] }, forwarding: false },
  faults: [{ atNs: 500_000, kind: 'vf-remove', vm: 'vm3' }],
});

/** Stand-in for the engine's parseConfig: one cross-field rule (VM ids in order). */
export const fakeValidator: ConfigValidator = (raw) => {
  const c = raw as SimConfig;
  const bad = c.vms.findIndex((v, i) => v.id !== `vm${i + 1}`);
  if (bad >= 0) return { ok: false, problems: [{ path: `vms[${bad}].id`, key: 'scenarios.problem.rule', params: { detail: `expected vm${bad + 1}` } }] };
  return { ok: true, config: c };
};
