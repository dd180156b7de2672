/** Helpers the lesson definitions share: hosts whose traffic starts after boot, and start points. */
import type { SimConfig, VmId } from '../engine/types';
import { guest } from '../engine/ids';
import type { EventPredicate } from './predicates';
import { before, flow, scene as build, trafficAfterBoot, type SceneOptions } from './scenes';

/** A lesson host whose traffic starts right after its boot sequence. */
export const scene = (o: SceneOptions): SimConfig => trafficAfterBoot(build(o));

/** Scenes that show traffic open this long before the first data packet they are about. */
export const LEAD_NS = 2_000;
export const dataOf = (vm?: VmId): EventPredicate => ({ kind: 'send', dataOnly: true, ...(vm ? { vm } : {}) });
/** Just before the first data packet (of `vm`, if given). */
export const beforeData = (vm?: VmId) => before(dataOf(vm), LEAD_NS);
/** Just before `vm` sends its first frame (its stack hands it to the adapter). */
export const beforeTx = (vm: VmId) => before({ kind: 'send', from: guest.stack(vm), dataOnly: true }, LEAD_NS);
/** Just before the guest's VMBus driver starts its handshake. */
export const beforeBoot = before({ detail: 'INITIATE_CONTACT' }, LEAD_NS);

export const tx = (vm: VmId, ratePps = 20_000) => flow(`tx-${vm}`, 'vm-to-external', vm, { ratePps });
export const rx = (vm: VmId, ratePps = 20_000) => flow(`rx-${vm}`, 'external-to-vm', vm, { ratePps });
