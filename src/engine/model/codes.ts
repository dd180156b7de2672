/**
 * The model's numbering inside route programs and the trace: partitions (F.PART), paths (a
 * route's `path`), actions (ACTION steps) and admission checks (ADMIT steps). The kernel treats
 * them as opaque numbers.
 */
import type { PathKind } from '../types';

/** Partition codes stored in F.PART: 0 root, 1 the hypervisor, 2 + vm index for guests, -1 none. */
export const PART_ROOT = 0;
export const PART_HV = 1;
export const partGuest = (vi: number) => 2 + vi;
/** Partition codes in use at most: root, hypervisor and 128 guests. */
export const MAX_PARTS = 2 + 128;

export const PATH_INDEX: Record<PathKind, number> = { synthetic: 0, emulated: 1, sriov: 2, control: 3 };

/** Actions (F.ARG of an ACTION step; F.ARG2 its argument), handled by Host.action. */
export const ACT = {
  /** A signal or interrupt reached a station's reader: it starts draining (arg: station). */
  WAKE: 1,
  /** pending_send_sz was signalled: the blocked host writer retries (arg: station). */
  UNBLOCK: 2,
  /** NetVSP finished a guest send: one more NVSP 108 completion to write (arg: vm). */
  HOST_SEND_DONE: 3,
  /** NetVSC consumed a received packet: one more completion to write back (arg: vm). */
  GUEST_RX_DONE: 4,
  /** The emulated NIC finished a transmit (arg: vm). */
  LEGACY_TX_DONE: 5,
  /** Run the control message's continuation (the callback id lives on the mover). */
  CALLBACK: 6,
  /** The tulip ISR's next register access (arg: station). */
  ISR_NEXT: 7,
  /** The tulip interrupt was injected: the ISR starts (arg: station). */
  ISR_START: 8,
  /** NetVSC read send completions: wake its stopped send queue if the out ring has room (arg: vm). */
  TX_WAKE: 9,
  /**
   * NetVSC takes a free send-buffer section for this frame, or (none free) the mover continues on
   * the route's GPA-direct twin, route F.ARG2 (arg < 0: this route is the GPA-direct one).
   */
  SEND_SECTION: 10,
  /** A register access traps: the VP stalls H12_TOTAL_NS (arg: vm), counted for the inspector. */
  VP_STALL: 11,
  /** Port mirroring: start a copy of the frame on route F.ARG2 (port-policy.ts). */
  PORT_MIRROR: 12,
  /** A port's ACL or VLAN policy dropped the frame (arg: the port's vm), counted per port. */
  PORT_POLICY_DROP: 13,
} as const;

/** Or-ed into HOST_SEND_DONE's argument (the VM index) when the send used a section. */
export const SECTION_BIT = 1 << 16;

/** Admission checks (F.ARG of an ADMIT step). */
export const ADMIT = { LEGACY_RX: 2, /** The port's bandwidth pacer has room (arg: vm; port-policy.ts). */ PORT_LIMIT: 3 } as const;

/** The model's queue ops (the kernel's are below Q.MODEL = 16). */
export const Q_FLOW = 16;
export const Q_READER = 17;
export const Q_MOD_TIMER = 18;
export const Q_FAULT = 19;
export const Q_RETX = 20;
/** Route keys per flow in Host.flowRoutes: data and the two sizes of TCP control segment, each way. */
export const ROUTES_PER_FLOW = 6;
