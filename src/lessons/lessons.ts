/**
 * The guided lessons, in the order of the Hyper-V overview this product teaches
 * (`shared/seeds/hyper-v-overview.ja.txt`): partitions and the hypervisor → virtual processors,
 * address spaces and interrupts → the IOMMU → virtual devices and VMBus → VSP/VSC → NetVSC/NetVSP
 * and the synthetic adapter → the emulated adapter → VMQ → SR-IOV → VF removal → the extensible
 * switch.
 *
 * Texts are in `src/i18n/lessons.*.json` under `lessons.<lesson>.steps.<step>`. Narration that
 * refers to a number points at the step's live readout instead of quoting a value, because the
 * value comes from the engine and its cost table.
 */
import type { SimConfig } from '../engine/types';
import { guest, nic, root } from '../engine/ids';
import type { Lesson } from './types';
import { before, flow } from './scenes';
import { beforeBoot, beforeData, beforeTx, rx, scene, tx } from './lessonHelpers';
import { OFFLOADS_LESSON, VRSS_LESSON } from './scaleLessons';


const twoSynthetic = (): SimConfig => scene({ adapters: ['synthetic', 'synthetic'], flows: [tx('vm1'), rx('vm2')] });
const oneSyntheticRx = (): SimConfig => scene({ adapters: ['synthetic'], flows: [rx('vm1')] });
const sriovOne = (): SimConfig => scene({ adapters: ['sriov'], sriov: true, flows: [tx('vm1'), rx('vm1')] });
const bootSynthetic = (): SimConfig => scene({ adapters: ['synthetic'], flows: [tx('vm1')] });
const emulatedTx = (): SimConfig => scene({ adapters: ['emulated'], flows: [tx('vm1', 2_000)] });
const emulatedBoth = (): SimConfig => scene({ adapters: ['emulated'], flows: [tx('vm1', 5_000), rx('vm1', 5_000)] });
const emulatedVsSynthetic = (): SimConfig =>
  scene({
    adapters: ['emulated', 'synthetic'],
    flows: [tx('vm1', 5_000), rx('vm1', 5_000), tx('vm2', 5_000), rx('vm2', 5_000)],
  });
/** More receive traffic than Fast Ethernet carries, for an emulated and a synthetic VM. */
const emulatedCeiling = (): SimConfig => scene({ adapters: ['emulated', 'synthetic'], flows: [rx('vm1', 20_000), rx('vm2', 20_000)] });
/** As much receive traffic as the 10 Gb/s physical port carries, to a VM on its VF. */
const sriovLineRate = (): SimConfig => scene({ adapters: ['sriov'], sriov: true, flows: [rx('vm1', 800_000)] });
/** Enough receive traffic that one LP cannot keep up with three VMs (cost-model §8.1). */
const threeRx = (vmq: boolean, queues = 4): SimConfig =>
  scene({
    adapters: ['synthetic', 'synthetic', 'synthetic'],
    vmq,
    vmqQueues: queues,
    flows: [rx('vm1', 120_000), rx('vm2', 120_000), rx('vm3', 120_000)],
  });
/** After boot and VF bring-up (which the engine finishes well within this). */
const VF_REMOVE_NS = 1_000_000;
const failover = (): SimConfig =>
  scene({
    adapters: ['sriov'],
    sriov: true,
    flows: [flow('tcp-vm1', 'vm-to-external', 'vm1', { protocol: 'tcp', ratePps: 20_000 })],
    faults: [{ atNs: VF_REMOVE_NS, kind: 'vf-remove', vm: 'vm1' }],
  });
const allExtensions = (dropVm2: boolean): SimConfig =>
  scene({
    adapters: ['synthetic', 'synthetic'],
    flows: [tx('vm1', 5_000), tx('vm2', 5_000)],
    extensions: {
      capture: true,
      filter: { enabled: true, dropRules: dropVm2 ? [{ id: 'block-vm2', srcVm: 'vm2' }] : [] },
      forwarding: true,
    },
  });
const extensionsWithVf = (): SimConfig =>
  scene({
    adapters: ['sriov', 'synthetic'],
    sriov: true,
    flows: [tx('vm1', 5_000), tx('vm2', 5_000)],
    extensions: { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: true },
  });

export const LESSONS: Lesson[] = [
  {
    id: 'partitions',
    steps: [
      { id: 'hypervisor', scene: { config: twoSynthetic, startNs: beforeTx('vm1') }, speed: 5_000, highlight: ['hv', 'lp.*'] },
      { id: 'partitions', highlight: ['root.os', guest.stack('vm1'), guest.stack('vm2')] },
      { id: 'root', highlight: ['root.*', 'nic'] },
      { id: 'children', highlight: ['vm1.*', 'vm2.*', 'root.vmms'] },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'partition', direction: 'tx', adapters: ['synthetic', 'synthetic'], target: 0, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7, plainFacts: true },
      },
      {
        id: 'watch',
        scene: { config: twoSynthetic, startNs: beforeTx('vm1') },
        speed: 1_000,
        highlight: ['vm1.*', 'root.*'],
        waitFor: { predicate: { kind: 'hop', from: 'vm1.*', to: 'root.*', dataOnly: true }, label: 'vm1FrameAtRoot' },
      },
      {
        id: 'isolation',
        play: false,
        highlight: ['vm1.*', 'root.*', 'nic', 'wire'],
        readouts: [{ kind: 'activePath', vm: 'vm1' }, { kind: 'rootNsPerPacket', vm: 'vm1' }],
      },
    ],
    recap: [
      { id: 'root', show: { step: 'isolation', readout: 'rootNsPerPacket', vm: 'vm1' } },
      { id: 'path', show: { step: 'isolation', readout: 'activePath', vm: 'vm1' } },
    ],
  },
  {
    id: 'processors',
    steps: [
      { id: 'vps', scene: { config: oneSyntheticRx, startNs: beforeData('vm1') }, speed: 5_000, play: false, highlight: ['vm1.vp.*', 'lp.*', 'hv'] },
      { id: 'memory', play: false, highlight: ['vm1.*', 'hv'] },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'lp', direction: 'rx', adapters: ['synthetic'], target: 0, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7, plainFacts: true },
      },
      {
        id: 'physicalIrq',
        scene: { config: oneSyntheticRx, startNs: beforeData('vm1') },
        speed: 5_000,
        highlight: ['nic.queue.*', 'hv', 'root.pf'],
        waitFor: { predicate: { kind: 'interrupt', from: 'hv', to: 'root.*', dataOnly: true }, label: 'irqToRoot' },
      },
      { id: 'redirected', play: false, highlight: ['nic.queue.*', 'hv', 'root.pf', 'lp.*'], readouts: [{ kind: 'lpLoad' }] },
      {
        id: 'synic',
        highlight: ['hv', guest.vmbus('vm1'), guest.netvsc('vm1'), 'vm1.vp.*'],
        waitFor: { predicate: { kind: 'interrupt', to: 'vm1.*', dataOnly: true }, label: 'irqToVm1' },
      },
      {
        id: 'guestIrq',
        play: false,
        highlight: ['hv', guest.vmbus('vm1'), guest.netvsc('vm1'), guest.ringIn('vm1'), 'vm1.vp.*'],
        readouts: [{ kind: 'signalsPerPacket', vm: 'vm1' }],
      },
    ],
    recap: [
      { id: 'oneLp', show: { step: 'redirected', readout: 'lpLoad' } },
      { id: 'synthetic', show: { step: 'guestIrq', readout: 'signalsPerPacket', vm: 'vm1' } },
    ],
  },
  {
    id: 'iommu',
    steps: [
      { id: 'what', scene: { config: sriovOne, startNs: beforeData('vm1') }, speed: 5_000, play: false, highlight: ['iommu'] },
      { id: 'vf', play: false, highlight: ['nic.vf.*', guest.vf('vm1'), 'root.pf'] },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'rootCpu', direction: 'rx', adapters: ['sriov'], target: 0, sriov: true, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7 },
      },
      {
        id: 'mapping',
        scene: { config: sriovOne, startNs: beforeData('vm1') },
        speed: 5_000,
        play: false,
        highlight: ['iommu', 'hv', guest.vf('vm1'), 'nic.vf.*'],
      },
      {
        id: 'dma',
        highlight: ['nic.vf.*', 'iommu', guest.vf('vm1')],
        waitFor: { predicate: { kind: 'dma', at: 'iommu' }, label: 'dmaThroughIommu' },
      },
      { id: 'translated', play: false, highlight: ['nic.vf.*', 'iommu', 'vm1.*'], readouts: [{ kind: 'rootNsPerPacket', vm: 'vm1' }] },
      {
        id: 'interrupts',
        highlight: ['nic.vf.*', 'hv', guest.vf('vm1'), 'vm1.vp.*'],
        waitFor: { predicate: { kind: 'interrupt', to: 'vm1.*', path: 'sriov' }, label: 'vfIrq' },
      },
      { id: 'isolation', play: false, highlight: ['iommu', 'nic.vf.*', 'root.*'] },
    ],
    recap: [
      { id: 'gpaSpa', show: { step: 'translated', readout: 'rootNsPerPacket', vm: 'vm1' } },
      { id: 'lineRate', show: { lesson: 'sriov', step: 'lineRate', readout: 'throughput', vm: 'vm1' } },
    ],
  },
  {
    id: 'vmbus',
    steps: [
      { id: 'devices', scene: { config: bootSynthetic, startNs: beforeBoot }, speed: 1_000, play: false, highlight: [guest.netvsc('vm1'), guest.legacy('vm1'), guest.vf('vm1'), guest.vpci('vm1')] },
      {
        id: 'offer',
        highlight: [guest.vmbus('vm1'), 'root.vmbus', 'hv'],
        waitFor: { predicate: { detail: 'OFFERCHANNEL', to: guest.vmbus('vm1') }, label: 'offer' },
      },
      {
        id: 'gpadl',
        highlight: [guest.vmbus('vm1'), guest.ringOut('vm1'), guest.ringIn('vm1'), 'root.vmbus', 'hv'],
        waitFor: { predicate: { detail: 'GPADL_CREATED', to: guest.vmbus('vm1') }, label: 'gpadl' },
      },
      {
        id: 'open',
        highlight: [guest.vmbus('vm1'), 'root.vmbus', 'hv'],
        waitFor: { predicate: { detail: 'OPENCHANNEL_RESULT', to: guest.vmbus('vm1') }, label: 'openResult' },
      },
      { id: 'channel', play: false, highlight: [guest.ringOut('vm1'), guest.ringIn('vm1'), guest.netvsc('vm1'), root.netvsp('vm1')] },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'path', direction: 'tx', adapters: ['synthetic', 'emulated'], target: 1, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7, only: ['synthetic', 'emulated'] },
      },
      {
        id: 'rings',
        scene: { config: bootSynthetic, startNs: beforeTx('vm1') },
        speed: 1_000,
        highlight: [guest.ringOut('vm1'), guest.ringIn('vm1'), guest.netvsc('vm1'), root.netvsp('vm1'), 'hv'],
        waitFor: { predicate: { kind: 'hypercall', detail: 'SignalEvent', dataOnly: true }, label: 'signal' },
      },
      {
        id: 'signal',
        play: false,
        highlight: [guest.ringOut('vm1'), guest.netvsc('vm1'), 'hv', 'root.vmbus', root.netvsp('vm1')],
        readouts: [{ kind: 'signalsPerPacket', vm: 'vm1' }, { kind: 'activePath', vm: 'vm1' }],
      },
    ],
    recap: [
      { id: 'batch', show: { step: 'signal', readout: 'signalsPerPacket', vm: 'vm1' } },
      { id: 'channel', show: { step: 'signal', readout: 'activePath', vm: 'vm1' } },
    ],
  },
  {
    id: 'vspVsc',
    steps: [
      {
        id: 'roles',
        scene: { config: twoSynthetic, startNs: beforeTx('vm1') },
        speed: 1_000,
        play: false,
        highlight: ['root.netvsp.*', 'root.vpci.*', guest.netvsc('vm1'), guest.netvsc('vm2'), guest.vpci('vm1'), guest.vpci('vm2')],
      },
      { id: 'pairs', play: false, highlight: [root.netvsp('vm1'), guest.netvsc('vm1'), root.vpci('vm1'), guest.vpci('vm1')] },
      { id: 'perVm', play: false, highlight: ['root.netvsp.*', 'vm1.vmbus.*', 'vm2.vmbus.*', guest.netvsc('vm1'), guest.netvsc('vm2')] },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'component', direction: 'rx', adapters: ['synthetic', 'synthetic'], target: 1, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7, only: [root.netvsp('vm2'), root.vmwp('vm2')] },
      },
      {
        id: 'request',
        scene: { config: twoSynthetic, startNs: beforeTx('vm1') },
        speed: 1_000,
        highlight: [guest.netvsc('vm1'), guest.ringOut('vm1'), root.netvsp('vm1')],
        waitFor: { predicate: { kind: 'hop', from: guest.ringOut('vm1'), to: root.netvsp('vm1'), dataOnly: true }, label: 'firstAtNetvsp' },
      },
      { id: 'handled', play: false, highlight: [root.netvsp('vm1'), 'root.vswitch', 'root.pf'], readouts: [{ kind: 'rootNsPerPacket', vm: 'vm1' }] },
    ],
    recap: [
      { id: 'rootCost', show: { step: 'handled', readout: 'rootNsPerPacket', vm: 'vm1' } },
      { id: 'perCore', show: { lesson: 'vmq', step: 'oneLp', readout: 'throughput' } },
    ],
  },
  {
    id: 'synthetic',
    steps: [
      { id: 'adapter', scene: { config: bootSynthetic, startNs: beforeBoot }, speed: 5_000, play: false, highlight: [guest.netvsc('vm1'), root.netvsp('vm1'), guest.stack('vm1')] },
      {
        id: 'channel',
        highlight: [guest.vmbus('vm1'), 'root.vmbus', guest.netvsc('vm1'), root.netvsp('vm1')],
        waitFor: { predicate: { detail: 'OPENCHANNEL_RESULT', to: guest.vmbus('vm1') }, label: 'openResult' },
      },
      {
        id: 'nvsp',
        highlight: [guest.netvsc('vm1'), 'vm1.vmbus.*', root.netvsp('vm1')],
        waitFor: { predicate: { detail: 'SEND_SEND_BUF_COMPLETE', to: guest.netvsc('vm1') }, label: 'buffersShared' },
      },
      {
        id: 'rndis',
        highlight: [guest.netvsc('vm1'), 'vm1.vmbus.*', root.netvsp('vm1')],
        waitFor: { predicate: { kind: 'hop', from: guest.ringOut('vm1'), to: root.netvsp('vm1'), dataOnly: true }, label: 'firstAtNetvsp' },
      },
      {
        id: 'send',
        speed: 1_000,
        highlight: [root.netvsp('vm1'), 'root.vswitch', 'root.pf', 'nic', 'wire'],
        waitFor: { predicate: { kind: 'deliver', dataOnly: true, vm: 'vm1' }, label: 'onTheWire' },
      },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'exits', direction: 'tx', adapters: ['synthetic'], target: 0, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7 },
      },
      {
        id: 'completion',
        scene: { config: bootSynthetic, startNs: beforeTx('vm1') },
        speed: 20_000,
        highlight: [guest.ringIn('vm1'), guest.netvsc('vm1'), root.netvsp('vm1')],
        readouts: [{ kind: 'vmExitsPerPacket', vm: 'vm1' }, { kind: 'rootNsPerPacket', vm: 'vm1' }, { kind: 'signalsPerPacket', vm: 'vm1' }],
      },
    ],
    recap: [
      { id: 'exits', show: { step: 'completion', readout: 'vmExitsPerPacket', vm: 'vm1' } },
      { id: 'perCore', show: { lesson: 'vmq', step: 'oneLp', readout: 'throughput' } },
    ],
  },
  {
    id: 'emulated',
    steps: [
      { id: 'legacy', scene: { config: emulatedTx, startNs: beforeTx('vm1') }, speed: 1_000, play: false, highlight: [guest.legacy('vm1'), root.vmwp('vm1')] },
      {
        id: 'trap',
        highlight: [guest.legacy('vm1'), 'vm1.vp.*', 'hv'],
        waitFor: { predicate: { kind: 'vmexit', vm: 'vm1', path: 'emulated' }, label: 'vmexit' },
      },
      {
        id: 'intercept',
        highlight: ['hv', 'root.vid', root.vmwp('vm1')],
        waitFor: { predicate: { kind: 'hop', from: 'root.vid', to: root.vmwp('vm1') }, label: 'atWorker' },
      },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'exits', direction: 'rx', adapters: ['emulated'], target: 0, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7 },
      },
      {
        id: 'count',
        scene: { config: emulatedBoth, startNs: beforeData('vm1') },
        speed: 100_000,
        highlight: [guest.legacy('vm1'), 'hv', 'root.vid', root.vmwp('vm1')],
        readouts: [{ kind: 'vmExitsPerPacket', vm: 'vm1' }],
      },
      {
        id: 'compare',
        scene: { config: emulatedVsSynthetic, startNs: beforeData() },
        speed: 100_000,
        highlight: [guest.legacy('vm1'), root.vmwp('vm1'), guest.netvsc('vm2'), root.netvsp('vm2')],
        readouts: [
          { kind: 'vmExitsPerPacket', vm: 'vm1' },
          { kind: 'vmExitsPerPacket', vm: 'vm2' },
          { kind: 'rootNsPerPacket', vm: 'vm1' },
          { kind: 'rootNsPerPacket', vm: 'vm2' },
        ],
      },
      {
        id: 'ceiling',
        scene: { config: emulatedCeiling, startNs: beforeData() },
        speed: 100_000,
        highlight: [guest.legacy('vm1'), root.vmwp('vm1'), guest.netvsc('vm2'), root.netvsp('vm2')],
        readouts: [{ kind: 'throughput', vm: 'vm1' }, { kind: 'throughput', vm: 'vm2' }, { kind: 'accounting' }],
      },
      {
        id: 'why',
        highlight: ['hv', 'root.vid', root.vmwp('vm1')],
        readouts: [{ kind: 'vmExitsPerPacket', vm: 'vm1' }, { kind: 'vmExitsPerPacket', vm: 'vm2' }],
      },
    ],
    recap: [
      { id: 'legacy', show: { step: 'ceiling', readout: 'throughput', vm: 'vm1' } },
      { id: 'exits', show: { step: 'compare', readout: 'vmExitsPerPacket', vm: 'vm1' } },
      { id: 'rootCost', show: { step: 'compare', readout: 'rootNsPerPacket', vm: 'vm1' } },
    ],
  },
  {
    id: 'vmq',
    steps: [
      {
        id: 'default',
        scene: { config: () => threeRx(false), startNs: beforeData() },
        speed: 20_000,
        highlight: [nic.queue(0), 'root.pf', 'root.netvsp.*'],
        readouts: [{ kind: 'vmqQueues' }],
      },
      { id: 'oneLp', highlight: ['lp.*'], readouts: [{ kind: 'lpLoad' }, { kind: 'throughput' }] },
      {
        id: 'on',
        changes: [{ kind: 'set-vmq', on: true }],
        highlight: ['nic', 'nic.queue.*'],
        readouts: [{ kind: 'vmqQueues' }],
      },
      { id: 'spread', highlight: ['lp.*', 'nic.queue.*'], readouts: [{ kind: 'lpLoad' }] },
      {
        id: 'finite',
        scene: { config: () => threeRx(true, 2), startNs: beforeData() },
        speed: 20_000,
        highlight: ['nic.queue.*', root.netvsp('vm3')],
        readouts: [{ kind: 'vmqQueues' }, { kind: 'lpLoad' }],
      },
    ],
    recap: [
      { id: 'perCore', show: { step: 'oneLp', readout: 'throughput' } },
      { id: 'spread', show: { step: 'spread', readout: 'lpLoad' } },
      { id: 'finite', show: { step: 'finite', readout: 'vmqQueues' } },
    ],
  },
  VRSS_LESSON,
  {
    id: 'sriov',
    steps: [
      {
        id: 'hardware',
        scene: { config: sriovOne, startNs: before({ detail: 'OID_NIC_SWITCH_ALLOCATE_VF' }, 5_000) },
        speed: 5_000,
        play: false,
        highlight: ['nic', 'nic.eswitch', 'nic.vf.*', 'root.pf'],
      },
      {
        id: 'bringup',
        highlight: ['root.pf', 'nic.eswitch', root.vpci('vm1'), guest.vpci('vm1'), guest.vf('vm1'), guest.netvsc('vm1')],
        waitFor: { predicate: { detail: 'SWITCH_DATA_PATH', to: root.netvsp('vm1') }, label: 'dataPathSwitch' },
      },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'path', direction: 'tx', adapters: ['synthetic', 'sriov'], target: 1, sriov: false, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: false, engineSeed: 7 },
      },
      {
        id: 'send',
        scene: { config: sriovOne, startNs: beforeTx('vm1') },
        speed: 1_000,
        highlight: [guest.netvsc('vm1'), guest.vf('vm1'), 'nic.vf.*'],
        waitFor: { predicate: { kind: 'hop', from: guest.vf('vm1'), to: 'nic.vf.*' }, label: 'doorbell' },
      },
      { id: 'dma', play: false, highlight: ['nic.vf.*', 'iommu', 'nic.eswitch', guest.vf('vm1')] },
      {
        id: 'bypass',
        speed: 20_000,
        highlight: [guest.stack('vm1'), guest.netvsc('vm1'), guest.vf('vm1'), 'nic.vf.*', 'nic.eswitch', 'nic', 'iommu', 'wire'],
        readouts: [{ kind: 'vmExitsPerPacket', vm: 'vm1' }, { kind: 'rootNsPerPacket', vm: 'vm1' }, { kind: 'activePath', vm: 'vm1' }],
      },
      {
        id: 'lineRate',
        scene: { config: sriovLineRate, startNs: beforeData('vm1') },
        speed: 20_000,
        highlight: [guest.vf('vm1'), 'nic.vf.*', 'nic.eswitch', 'nic', 'wire'],
        readouts: [{ kind: 'throughput', vm: 'vm1' }, { kind: 'rootNsPerPacket', vm: 'vm1' }],
      },
    ],
    recap: [
      { id: 'lineRate', show: { step: 'lineRate', readout: 'throughput', vm: 'vm1' } },
      { id: 'noRoot', show: { step: 'lineRate', readout: 'rootNsPerPacket', vm: 'vm1' } },
    ],
  },
  {
    id: 'failover',
    steps: [
      {
        id: 'before',
        scene: { config: failover, startNs: before({ kind: 'fault' }, 100_000) },
        speed: 20_000,
        play: false,
        highlight: [guest.vf('vm1'), 'nic.vf.*', guest.netvsc('vm1')],
        readouts: [{ kind: 'activePath', vm: 'vm1' }, { kind: 'accounting' }],
      },
      {
        id: 'remove',
        highlight: ['root.pf', 'nic.eswitch', root.vpci('vm1'), guest.vpci('vm1')],
        waitFor: { predicate: { kind: 'fault' }, label: 'vfRemoved' },
        readouts: [{ kind: 'activePath', vm: 'vm1' }],
      },
      {
        id: 'switchBack',
        speed: 5_000,
        highlight: [guest.netvsc('vm1'), guest.vpci('vm1'), root.vpci('vm1'), guest.vf('vm1')],
        waitFor: { predicate: { detail: 'SWITCH_DATA_PATH', to: root.netvsp('vm1') }, label: 'dataPathSwitch' },
        readouts: [{ kind: 'activePath', vm: 'vm1' }],
      },
      {
        id: 'synthetic',
        speed: 20_000,
        highlight: [guest.netvsc('vm1'), 'vm1.vmbus.*', root.netvsp('vm1'), 'root.vswitch', 'root.pf'],
        readouts: [{ kind: 'activePath', vm: 'vm1' }, { kind: 'accounting' }],
      },
      {
        id: 'readd',
        changes: [{ kind: 'fault', fault: { kind: 'vf-add', vm: 'vm1' } }],
        speed: 20_000,
        highlight: ['root.pf', 'nic.vf.*', guest.vpci('vm1'), guest.vf('vm1'), guest.netvsc('vm1')],
        waitFor: { predicate: { detail: 'SWITCH_DATA_PATH', to: root.netvsp('vm1') }, label: 'dataPathSwitch' },
        readouts: [{ kind: 'activePath', vm: 'vm1' }],
      },
      {
        id: 'back',
        speed: 20_000,
        highlight: [guest.vf('vm1'), 'nic.vf.*', guest.netvsc('vm1')],
        readouts: [{ kind: 'activePath', vm: 'vm1' }, { kind: 'accounting' }],
      },
      {
        id: 'predict',
        highlight: null,
        question: { kind: 'component', direction: 'rx', adapters: ['sriov', 'synthetic'], target: 0, sriov: true, vfCount: 4, vmq: false, vmqQueues: 4, removeVf: true, engineSeed: 7 },
      },
    ],
    recap: [
      { id: 'fallback', show: { step: 'synthetic', readout: 'activePath', vm: 'vm1' } },
      { id: 'noLoss', show: { step: 'synthetic', readout: 'accounting' } },
    ],
  },
  {
    id: 'vswitch',
    steps: [
      {
        id: 'switch',
        scene: { config: () => allExtensions(false), startNs: beforeData() },
        speed: 5_000,
        play: false,
        highlight: ['root.vswitch', 'root.vswitch.*', 'root.netvsp.*', 'root.pf'],
      },
      {
        id: 'capture',
        highlight: ['root.vswitch', 'root.vswitch.capture'],
        waitFor: { predicate: { kind: 'hop', to: 'root.vswitch.capture' }, label: 'atCapture' },
      },
      {
        id: 'filter',
        scene: { config: () => allExtensions(true), startNs: beforeTx('vm2') },
        speed: 5_000,
        highlight: ['root.vswitch.filter', guest.netvsc('vm2'), root.netvsp('vm2')],
        waitFor: { predicate: { kind: 'drop' }, label: 'dropped' },
        readouts: [{ kind: 'accounting' }],
      },
      { id: 'forwarding', play: false, highlight: ['root.vswitch.forwarding', 'root.pf'], readouts: [{ kind: 'accounting' }] },
      { id: 'order', speed: 5_000, highlight: ['root.vswitch', 'root.vswitch.*'] },
      {
        id: 'bypass',
        scene: { config: extensionsWithVf, startNs: beforeData() },
        speed: 5_000,
        highlight: ['root.vswitch', 'root.vswitch.*', guest.vf('vm1'), 'nic.vf.*'],
        readouts: [{ kind: 'activePath', vm: 'vm1' }, { kind: 'activePath', vm: 'vm2' }],
      },
    ],
    recap: [
      { id: 'drops', show: { step: 'filter', readout: 'accounting' } },
      { id: 'bypass', show: { step: 'bypass', readout: 'activePath', vm: 'vm1' } },
    ],
  },
  OFFLOADS_LESSON,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
