/**
 * Small builders for the configurations lessons and questions run. They build a complete
 * `SimConfig` themselves (rather than patching the engine's default), so a lesson shows the same
 * host whatever the default scenario becomes.
 */
import type {
  AdapterKind,
  ExtensionsConfig,
  FaultEvent,
  FlowConfig,
  FlowDirection,
  Protocol,
  SimConfig,
  VmId,
} from '../engine/types';

export interface SceneOptions {
  /** One entry per VM, vm1…vmN in order. */
  adapters: AdapterKind[];
  vmq?: boolean;
  sriov?: boolean;
  vmqQueues?: number;
  vfCount?: number;
  logicalProcessors?: number;
  linkGbps?: number;
  vcpus?: number;
  flows?: FlowConfig[];
  extensions?: Partial<ExtensionsConfig>;
  faults?: FaultEvent[];
}

export const noExtensions = (): ExtensionsConfig => ({
  capture: false,
  filter: { enabled: false, dropRules: [] },
  forwarding: false,
});

export function scene(o: SceneOptions): SimConfig {
  const ext = { ...noExtensions(), ...o.extensions };
  return {
    vms: o.adapters.map((adapter, i) => ({ id: `vm${i + 1}` as VmId, adapter, vcpus: o.vcpus ?? 2 })),
    vmq: o.vmq ?? false,
    sriov: o.sriov ?? false,
    nic: { vmqQueues: o.vmqQueues ?? 4, vfCount: o.vfCount ?? 4, linkGbps: o.linkGbps ?? 10 },
    logicalProcessors: o.logicalProcessors ?? 4,
    flows: o.flows ?? [],
    extensions: ext,
    faults: o.faults ?? [],
  };
}

export interface FlowOptions {
  protocol?: Protocol;
  packetBytes?: number;
  ratePps?: number;
  startNs?: number;
  stopNs?: number;
  peerVm?: VmId;
}

export function flow(id: string, direction: FlowDirection, vm: VmId, o: FlowOptions = {}): FlowConfig {
  const f: FlowConfig = {
    id,
    direction,
    vm,
    protocol: o.protocol ?? 'udp',
    packetBytes: o.packetBytes ?? 1500,
    ratePps: o.ratePps ?? 10_000,
  };
  if (o.peerVm !== undefined) f.peerVm = o.peerVm;
  if (o.startNs !== undefined) f.startNs = o.startNs;
  if (o.stopNs !== undefined) f.stopNs = o.stopNs;
  return f;
}
