/**
 * Lessons on scaling one VM's network (issue 11): vRSS/VMMQ (one VM's receive work past one LP)
 * and the offloads (LSO, checksum, RSC: fewer packets per byte). Texts in the locale files under
 * `lessons.vrss` and `lessons.offloads`; `lessons.ts` puts them in the course order.
 */
import type { SimConfig } from '../engine/types';
import { guest, nic, root } from '../engine/ids';
import type { Lesson } from './types';
import { flow } from './scenes';
import { beforeData, beforeTx, rx, scene, tx } from './lessonHelpers';

/**
 * Issue 11, vRSS/VMMQ: one VM with 4 vCPUs and 4 queues receiving 16 UDP flows, ≈4.8 Gb/s, more
 * than one host LP handles (RSS keeps each flow on one channel, so one flow could not spread).
 */
const oneVmManyFlows = (): SimConfig => {
  const c = scene({
    adapters: ['synthetic'],
    vmq: true,
    vmqQueues: 8,
    logicalProcessors: 8,
    vcpus: 4,
    flows: Array.from({ length: 16 }, (_, i) => flow(`rx${i + 1}-vm1`, 'external-to-vm', 'vm1', { ratePps: 25_000 })),
  });
  c.vms[0]!.nic = { queues: 4 };
  return c;
};
/** Two synthetic VMs with the same UDP traffic, out (`tx`) or in (`rx`): vm1 without offloads, vm2 with LSO or RSC. */
const offloadHost = (dir: 'tx' | 'rx'): SimConfig => {
  const c = scene({ adapters: ['synthetic', 'synthetic'], vmq: true, flows: dir === 'tx' ? [tx('vm1', 50_000), tx('vm2', 50_000)] : [rx('vm1', 50_000), rx('vm2', 50_000)] });
  c.vms = c.vms.map((v) => (v.id === 'vm2' ? { ...v, nic: dir === 'tx' ? { lso: true } : { rsc: true } } : v));
  return c;
};

export const VRSS_LESSON: Lesson = {
    id: 'vrss',
    steps: [
      {
        id: 'stuck',
        scene: { config: oneVmManyFlows, startNs: beforeData() },
        speed: 20_000,
        highlight: ['lp.*', nic.queue(1), root.netvsp('vm1')],
        readouts: [{ kind: 'lpLoad' }, { kind: 'throughput' }],
      },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'lp', direction: 'rx', adapters: ['synthetic'], target: 0, sriov: false, vfCount: 4, vmq: true, vmqQueues: 4, removeVf: false, engineSeed: 7, vrss: true },
      },
      {
        id: 'subchannels',
        scene: { config: oneVmManyFlows, startNs: beforeData() },
        changes: [{ kind: 'set-vrss', on: true }],
        speed: 5_000,
        highlight: [guest.netvsc('vm1'), guest.ringIn('vm1'), guest.vmbus('vm1'), 'vm1.vp.*'],
        waitFor: { predicate: { detail: 'NVSP_SEND_INDIRECTION_TABLE' }, label: 'sendTable' },
      },
      { id: 'spread', speed: 20_000, highlight: ['lp.*', 'root.vswitch', root.netvsp('vm1')], readouts: [{ kind: 'lpLoad' }, { kind: 'throughput' }] },
      {
        id: 'vmmq',
        changes: [{ kind: 'set-vmmq', on: true }],
        highlight: ['nic.queue.*', 'lp.*'],
        readouts: [{ kind: 'vmqQueues' }, { kind: 'lpLoad' }],
      },
    ],
    recap: [
      { id: 'oneCore', show: { step: 'stuck', readout: 'throughput' } },
      { id: 'spread', show: { step: 'spread', readout: 'lpLoad' } },
      { id: 'vmmq', show: { step: 'vmmq', readout: 'vmqQueues' } },
    ],
  };

export const OFFLOADS_LESSON: Lesson = {
    // Issue 11: LSO, checksum offload and RSC (engine model/offloads.ts). vm1 without, vm2 with.
    id: 'offloads',
    steps: [
      {
        id: 'perFrame',
        scene: { config: () => offloadHost('tx'), startNs: beforeTx('vm1') },
        speed: 5_000,
        highlight: [guest.stack('vm1'), guest.netvsc('vm1'), guest.ringOut('vm1'), root.netvsp('vm1')],
        readouts: [{ kind: 'rootNsPerPacket', vm: 'vm1' }, { kind: 'signalsPerPacket', vm: 'vm1' }],
      },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'vmbusPackets', direction: 'tx', adapters: ['synthetic'], target: 0, sriov: false, vfCount: 4, vmq: true, vmqQueues: 4, removeVf: false, engineSeed: 7, nic: { lso: true } },
      },
      {
        id: 'lso',
        scene: { config: () => offloadHost('tx'), startNs: beforeTx('vm2') },
        speed: 5_000,
        highlight: [guest.stack('vm2'), guest.netvsc('vm2'), guest.ringOut('vm2'), root.netvsp('vm2')],
        waitFor: { predicate: { kind: 'hop', to: guest.ringOut('vm2'), dataOnly: true }, label: 'largeSend' },
        readouts: [{ kind: 'rootNsPerPacket', vm: 'vm1' }, { kind: 'rootNsPerPacket', vm: 'vm2' }],
      },
      {
        id: 'tso',
        highlight: ['root.pf', 'nic', 'wire'],
        waitFor: { predicate: { kind: 'hop', from: 'nic', to: 'wire', vm: 'vm2' }, label: 'tso' },
      },
      { id: 'checksum', play: false, highlight: [guest.stack('vm1'), guest.stack('vm2'), 'nic'] },
      {
        id: 'rsc',
        scene: { config: () => offloadHost('rx'), startNs: beforeData('vm2') },
        speed: 5_000,
        highlight: ['root.vswitch', root.netvsp('vm2'), guest.ringIn('vm2'), guest.netvsc('vm2')],
        waitFor: { predicate: { kind: 'hop', to: guest.ringIn('vm2'), dataOnly: true }, label: 'coalesced' },
        readouts: [{ kind: 'signalsPerPacket', vm: 'vm1' }, { kind: 'signalsPerPacket', vm: 'vm2' }, { kind: 'rootNsPerPacket', vm: 'vm2' }],
      },
    ],
    recap: [
      { id: 'oneSend', show: { step: 'lso', readout: 'rootNsPerPacket', vm: 'vm2' } },
      { id: 'coalesce', show: { step: 'rsc', readout: 'signalsPerPacket', vm: 'vm2' } },
      { id: 'defaults', show: { step: 'perFrame', readout: 'rootNsPerPacket', vm: 'vm1' } },
    ],
  };
