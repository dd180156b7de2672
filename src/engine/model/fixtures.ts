/**
 * Small host configurations for the component tests beside this file (not used by the engine).
 */
import { defaultConfig, makeVms } from '../config';
import type { AdapterKind, FlowConfig, SimConfig, VmId } from '../types';

export const flow = (id: string, direction: FlowConfig['direction'], vm: VmId, extra: Partial<FlowConfig> = {}): FlowConfig => ({ id, direction, vm, protocol: 'udp', packetBytes: 1500, ratePps: 10_000, ...extra });

/** A host with one VM per adapter in `adapters`, no flows, VMQ on, SR-IOV as given. */
export function host(adapters: AdapterKind[], patch: Partial<SimConfig> = {}): SimConfig {
  const c = defaultConfig();
  c.vms = makeVms(adapters.length, adapters);
  c.flows = [];
  c.vmq = true;
  c.sriov = adapters.includes('sriov');
  return { ...c, ...patch };
}
