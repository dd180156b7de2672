/**
 * vRSS, VMMQ and VMBus subchannels (hyperv-facts.md §2.4, §3 NVSP 133/134 and RSS rows, §6 vRSS
 * and VMMQ rows, §9.2 step 9; fidelity audit D16, §4 item 1).
 *
 * Guest side (both): after the RNDIS queries NetVSC asks for n − 1 subchannels (NVSP 133
 * SUBCHANNEL, op ALLOCATE), the host grants them and sends one OFFERCHANNEL per subchannel with
 * the primary's class and instance GUIDs and `sub_channel_index` 1 … n − 1; the guest opens each
 * like a primary (its own ring GPADL and OPENCHANNEL with its own `target_vp`) while the receive
 * and send buffers stay the primary's, shared (FreeBSD hn_nvs.c); then RNDIS SET
 * OID_GEN_RECEIVE_SCALE_PARAMETERS (Toeplitz, 40-byte key, 128-entry indirection table) and the
 * host's NVSP 134 SEND_INDIRECTION_TABLE (16 entries). Each channel has its own in ring, read on
 * its target VP, so the guest's receive work spreads over vCPUs (Linux rndis_filter.c
 * rndis_filter_device_add order; Windows guests unverified).
 *
 * Host side:
 * - vRSS (WS2012 R2, facts §6 CUOMO-2012R2): the vNIC's VMQ queue still interrupts one LP, which
 *   indicates the frame; the vSwitch then hashes it and hands it to one of several LPs in
 *   software (cost row V1), where switching and NetVSP's copy into the channel's ring run.
 * - VMMQ (WS2016, facts §6 CUOMO-2016): several hardware queues per vNIC; the NIC does the
 *   Toeplitz spreading, each queue interrupts its own LP, so the indication spreads too.
 *
 * One flow always lands on one channel (and one queue): RSS hashes the flow's addresses and ports
 * so its frames stay in order; several flows spread.
 *
 * Model choices and assumptions (facts silent): n = min(queues, vCPUs, 16) with queues defaulting
 * to 8 (facts §2.4 / §8 "Max subchannels … 64 (default 8)", L-NETH; Linux caps by online CPUs);
 * the host grants all n − 1; channel c's target VP is c mod vCPUs; software vRSS uses the queue's
 * LP and the next LPs after it, skipping LP 0; host-side vRSS needs the vNIC to hold a VMQ queue
 * (without one the guest still spreads, the host does not); VMMQ's extra queues come from the
 * NIC's VMQ pool (first come, first served) and share the vNIC's {MAC, VLAN} filter; guest sends
 * stay on the primary channel and completions on their VM's primary out ring. Turning vRSS/VMMQ
 * off on a running VM is modelled as the host rescinding the subchannels (RESCIND_CHANNELOFFER)
 * and freeing the extra queues: the live behaviour of Windows is undocumented (assumption).
 */
import type { Step } from '../core/sequence';
import { act, runSteps } from '../core/sequence';
import { ENC } from '../packets';
import { cfgStep, emitSimple } from './control-path';
import type { Host } from './host';
import { nvspMsg, ringMsg } from './netvsp';
import { refreshPaths, runScript, type VmRt } from './partition';
import type { RssPlace } from './paths/context';
import { chan, rescindChannel } from './vmbus-channel';
import { createRing } from './vmbus-ring';
import { queueLp } from './vmq';
import type { VmState } from '../types';

/** facts §2.4 / §8 (L-NETH): netvsc's default channel count (VRSS_CHANNEL_MAX is 64). */
export const VRSS_DEFAULT_QUEUES = 8;
/** The model's cap (VmNicSettings.queues is 1 … 16). */
export const VRSS_MAX_QUEUES = 16;
/** facts §3 RSS row: 128-entry receive indirection table, 16-entry send table. */
export const RSS_TABLE_ENTRIES = 128;
export const SEND_TABLE_ENTRIES = 16;
/** Relid of subchannel i (the primary is 1, the vPCI bus 2): a model choice. */
export const subchannelRelid = (i: number): number => 2 + i;

/**
 * The 40-byte RSS key Microsoft documents for verifying Toeplitz implementations (NDIS "RSS
 * hashing functions", verification suite); the model uses it as the key NetVSC sets.
 */
const RSS_KEY = [
  0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
  0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
];

/** The Toeplitz hash of `input` bytes with the RSS key (unsigned 32 bits). */
export function toeplitz(input: readonly number[]): number {
  let result = 0;
  let window = ((RSS_KEY[0] as number) << 24) | ((RSS_KEY[1] as number) << 16) | ((RSS_KEY[2] as number) << 8) | (RSS_KEY[3] as number);
  let keyBit = 32;
  for (const byte of input) {
    for (let b = 7; b >= 0; b--) {
      if (byte & (1 << b)) result ^= window;
      const next = ((RSS_KEY[keyBit >> 3] ?? 0) >> (7 - (keyBit & 7))) & 1;
      window = (window << 1) | next;
      keyBit++;
    }
  }
  return result >>> 0;
}

const ipBytes = (ip: string): number[] => ip.split('.').map((x) => Number.parseInt(x, 10) & 255);
const portBytes = (p: number): number[] => [(p >> 8) & 255, p & 255];

/** RSS hash of a flow's frame: IPv4 addresses, then ports if it has them (TCP/UDP 4-tuple). */
export function flowHash(srcIp: string, dstIp: string, srcPort: number | null, dstPort: number | null): number {
  const input = [...ipBytes(srcIp), ...ipBytes(dstIp)];
  if (srcPort !== null && dstPort !== null) input.push(...portBytes(srcPort), ...portBytes(dstPort));
  return toeplitz(input);
}

/** The receive indirection table's entry for `hash` (Linux's default table: entry j → j mod n). */
export const rssChannelOf = (hash: number, channels: number): number => (hash % RSS_TABLE_ENTRIES) % Math.max(1, channels);

export const vrssOn = (h: Host, vm: VmRt): boolean => h.cfg.vrss === true && vm.cfg.nic?.vrss !== false;
export const vmmqOn = (h: Host, vm: VmRt): boolean => h.cfg.vmmq === true && h.cfg.vmq && vm.cfg.nic?.vmmq !== false;

/** Channels the VM should have open: 1 unless vRSS or VMMQ applies to its synthetic adapter. */
export function wantedChannels(h: Host, vm: VmRt): number {
  if (vm.cfg.adapter === 'emulated' || !vm.alive) return 1;
  if (!vrssOn(h, vm) && !vmmqOn(h, vm)) return 1;
  return Math.max(1, Math.min(vm.cfg.nic?.queues ?? VRSS_DEFAULT_QUEUES, vm.cfg.vcpus, VRSS_MAX_QUEUES));
}

/** LP of the VM's VP `vp`: VP 0 at its placement (partition.ts), the others on the LPs below it. */
export function vpLpOf(h: Host, vm: VmRt, vp: number): number {
  return h.L > 1 ? h.L - 1 - ((vm.num - 1 + vp) % (h.L - 1)) : 0;
}

/** Software vRSS: channel c's frames are switched and copied on this LP (queue's LP, then the next). */
export function softLp(h: Host, baseLp: number, c: number): number {
  return h.L > 1 ? 1 + ((Math.max(1, baseLp) - 1 + c) % (h.L - 1)) : 0;
}

/** Where the VM's receive channels are processed, or null with the primary channel only. */
export function rssPlace(h: Host, vm: VmRt): RssPlace | null {
  const n = vm.channels;
  if (n <= 1) return null;
  const ins: number[] = [];
  const vps: number[] = [];
  const vpLps: number[] = [];
  for (let c = 0; c < n; c++) {
    ins.push(c === 0 ? vm.in : (vm.subIns[c - 1] as number));
    const vp = c % vm.cfg.vcpus;
    vps.push(vp);
    vpLps.push(vpLpOf(h, vm, vp));
  }
  const qs = vm.rssQueues.length > 0 && vm.vmqQueue > 0 && vmmqOn(h, vm) ? [vm.vmqQueue, ...vm.rssQueues] : [];
  const queues = qs.length > 0 ? ins.map((_, c) => qs[c % qs.length] as number) : [];
  const base = vm.vmqQueue > 0 ? queueLp(vm.vmqQueue, h.L) : 0;
  const hostLps = queues.length === 0 && vrssOn(h, vm) && h.cfg.vmq && vm.vmqQueue > 0 ? ins.map((_, c) => softLp(h, base, c)) : [];
  return { channels: n, ins, vps, vpLps, queues, hostLps };
}

/** The snapshot's view of a VM's channels and queues (absent with one channel). */
export function rssState(h: Host, vm: VmRt): VmState['rss'] {
  const p = vm.rss;
  if (!p) return undefined;
  const mode = p.queues.length > 0 ? 'vmmq' : p.hostLps.length > 0 ? 'vrss' : 'guest-only';
  return {
    channels: p.channels,
    targetVps: [...p.vps],
    queues: [...p.queues],
    hostLps: p.queues.length > 0 ? p.queues.map((q) => queueLp(q, h.L)) : [...p.hostLps],
    vpLps: [...p.vpLps],
    mode,
  };
}

function ensureRings(h: Host, vm: VmRt, n: number): void {
  while (vm.subIns.length < n - 1) {
    const c = vm.subIns.length + 1;
    const vp = c % vm.cfg.vcpus;
    vm.subIns.push(createRing(h, vm.id, vm.vi, 'in', { chan: c, vp, lp: vpLpOf(h, vm, vp) }));
  }
}

/** facts §9.2 step 9: NVSP 133, the subchannel offers and opens, RSS parameters, NVSP 134. */
export function subchannelSteps(h: Host, vi: number, n: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  const steps: Step[] = [
    nvspMsg(h, vi, 'g2h', 'NVSP_SUBCHANNEL', `NVSP_MSG5_TYPE_SUBCHANNEL (133): op ALLOCATE (1), num_subchannels ${n - 1}; completion requested (Linux rndis_filter_device_add; Windows guests unverified)`),
    ringMsg(h, vi, 'h2g', 'NVSP_SUBCHANNEL completion', ENC.NVSP_COMP, `NVSP 133 reply in a completion packet (type 11): status success, num_subchannels ${n - 1} granted (the model's host grants all)`),
  ];
  for (let i = 1; i < n; i++) {
    const relid = subchannelRelid(i);
    const vp = i % vm.cfg.vcpus;
    steps.push(
      chan(h, vi, 'h2g', 'OFFERCHANNEL', `synthetic NIC subchannel: same class f8615163-df3e-46c5-913f-f2d2f965ed0e and instance GUIDs, sub_channel_index ${i}, child_relid ${relid}`),
      chan(h, vi, 'g2h', 'GPADL_HEADER', `subchannel ${i} ring buffers 2 × 128 pages; receive and send buffers are the primary's, shared (FreeBSD hn_nvs.c)`),
      chan(h, vi, 'h2g', 'GPADL_CREATED'),
      chan(h, vi, 'g2h', 'OPENCHANNEL', `relid ${relid}, sub_channel_index ${i}, target_vp ${vp}`),
      chan(h, vi, 'h2g', 'OPENCHANNEL_RESULT', 'status 0'),
    );
  }
  steps.push(
    ringMsg(h, vi, 'g2h', 'RNDIS_SET:OID_GEN_RECEIVE_SCALE_PARAMETERS', ENC.RNDIS_CTRL, `Toeplitz, 40-byte key, ${RSS_TABLE_ENTRIES}-entry indirection table: entry j → channel j mod ${n}`),
    ringMsg(h, vi, 'h2g', 'RNDIS_SET_CMPLT:OID_GEN_RECEIVE_SCALE_PARAMETERS', ENC.RNDIS_CTRL_RX, 'reply arrives like a received frame (type-7 packet)'),
    nvspMsg(h, vi, 'h2g', 'NVSP_SEND_INDIRECTION_TABLE', `NVSP_MSG5_TYPE_SEND_INDIRECTION_TABLE (134): ${SEND_TABLE_ENTRIES}-entry send table: entry j → channel j mod ${n}`),
    act(() => {
      ensureRings(h, vm, n);
      vm.channels = n;
      refreshPaths(h, vm);
    }),
  );
  return steps;
}

/** Open the subchannels the VM should have (a no-op step without vRSS/VMMQ: no event). */
export function openSubchannels(h: Host, vi: number): Step {
  return (next) => {
    const vm = h.vms[vi] as VmRt;
    const n = wantedChannels(h, vm);
    if (n <= 1 || vm.channels > 1 || vm.channel !== 'open') return next();
    runSteps(subchannelSteps(h, vi, n), next);
  };
}

/** VMMQ: more hardware queues for the vNIC (after its VMQ queue), each interrupting its own LP. */
export function assignVmmq(h: Host, vi: number): Step {
  return (next) => {
    const vm = h.vms[vi] as VmRt;
    if (!vmmqOn(h, vm) || vm.channels <= 1 || vm.vmqQueue === 0 || vm.rssQueues.length > 0) return next();
    const steps: Step[] = [];
    for (let i = 1; i < vm.channels; i++) {
      const k = h.vmqOwner.findIndex((o, q) => q > 0 && o < 0);
      if (k < 0) {
        steps.push((go) => {
          emitSimple(h, 'config', 'root.vswitch', 'root.pf', 'VMMQ: no free queue', { vi, note: `${vm.id} gets ${vm.rssQueues.length + 1} of ${vm.channels} queues (queues are handed out first come, first served)` });
          go();
        });
        break;
      }
      h.vmqOwner[k] = vi;
      vm.rssQueues.push(k);
      steps.push(cfgStep(h, 'root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', `VMMQ: queue ${k} for ${vm.id}'s VPort (queue ${i + 1} of ${vm.channels}), interrupt affinity LP ${queueLp(k, h.L)}`, vi));
    }
    const qs = [vm.vmqQueue, ...vm.rssQueues];
    steps.push(
      cfgStep(h, 'root.pf', 'nic', 'OID_GEN_RECEIVE_SCALE_PARAMETERS', `VMMQ: the NIC spreads ${vm.id}'s frames over queues ${qs.join(', ')} by Toeplitz hash (modelled as VMQ queues sharing its {MAC, VLAN} filter; WDK allocating-vports-for-vmmq)`, vi),
      act(() => refreshPaths(h, vm)),
    );
    runSteps(steps, next);
  };
}

/** Free the VMMQ queues beyond the vNIC's VMQ queue. */
function freeVmmqSteps(h: Host, vi: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  if (vm.rssQueues.length === 0) return [];
  const qs = [...vm.rssQueues];
  return [
    act(() => {
      for (const q of qs) h.vmqOwner[q] = -1;
      vm.rssQueues = [];
      refreshPaths(h, vm);
    }),
    ...qs.map((q) => cfgStep(h, 'root.vswitch', 'root.pf', 'OID_RECEIVE_FILTER_FREE_QUEUE', `VMMQ: queue ${q} of ${vm.id}`, vi)),
  ];
}

/** The host rescinds the subchannels (assumption, see the header); traffic returns to channel 0. */
export function closeSubchannelSteps(h: Host, vi: number): Step[] {
  const vm = h.vms[vi] as VmRt;
  const n = vm.channels;
  if (n <= 1) return freeVmmqSteps(h, vi);
  const steps: Step[] = [
    ...freeVmmqSteps(h, vi),
    act(() => {
      vm.channels = 1;
      refreshPaths(h, vm);
    }),
  ];
  for (let i = 1; i < n; i++) steps.push(...rescindChannel(h, vi, `synthetic NIC subchannel ${i} (vRSS/VMMQ turned off or queues changed: modelled as a rescind; Windows' live behaviour is undocumented)`, subchannelRelid(i)));
  return steps;
}

/** Bring the VM's channels and queues in line with the settings (set-vrss, set-vmmq, set-vm-nic). */
export function reconcileRss(h: Host, vi: number): void {
  const vm = h.vms[vi] as VmRt;
  if (!vm.alive || vm.cfg.adapter === 'emulated') return;
  const wanted = wantedChannels(h, vm);
  const needVmmq = wanted > 1 && vmmqOn(h, vm) && vm.rssQueues.length === 0;
  const dropVmmq = vm.rssQueues.length > 0 && (!vmmqOn(h, vm) || wanted !== vm.channels);
  if (wanted === vm.channels && !needVmmq && !dropVmmq) {
    refreshPaths(h, vm); // the host-side mode (software vRSS or not) may have changed
    return;
  }
  runScript(h, vi, [
    (next) => {
      if (vm.channel !== 'open' || vm.nvsp !== 'ready') return next(); // bring-up will open them
      const w = wantedChannels(h, vm);
      const steps: Step[] = [];
      if (w !== vm.channels) {
        steps.push(...closeSubchannelSteps(h, vi));
        if (w > 1) steps.push((go) => runSteps(subchannelSteps(h, vi, w), go));
      } else if (vm.rssQueues.length > 0 && !vmmqOn(h, vm)) steps.push(...freeVmmqSteps(h, vi));
      steps.push(assignVmmq(h, vi), act(() => refreshPaths(h, vm)));
      runSteps(steps, next);
    },
  ]);
}

/** Every VM (set-vrss, set-vmmq, set-vmq). */
export function reconcileAll(h: Host): void {
  h.vms.forEach((vm, vi) => {
    if (vm.alive) reconcileRss(h, vi);
  });
}
