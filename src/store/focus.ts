/**
 * "Focus on this path" (issue 8): the diagram shows only the components one packet or one VM
 * uses. The route is read once, when the focus is set (a packet's hops and planned route, a VM's
 * recent events: `engineQueries.packetRoute` / `vmRoute`), so it stays on screen after the packet
 * is delivered. `focus=p42` / `focus=vm2` in the address bar (see url.ts).
 */
import { create } from 'zustand';
import type { Selection } from './simStore';
import { packetRoute, topology, vmRoute } from './engineQueries';

export type Focus = { kind: 'packet'; id: number; ids: string[] } | { kind: 'vm'; vm: string; ids: string[] };

interface FocusState {
  focus: Focus | null;
}

export const useFocus = create<FocusState>()(() => ({ focus: null }));

/** Focus on packet `id`'s route; false (and no change) when the engine knows nothing of it. */
export function focusPacket(id: number): boolean {
  const ids = packetRoute(id);
  if (ids.length < 2) return false;
  useFocus.setState({ focus: { kind: 'packet', id, ids } });
  return true;
}

/** Focus on the components VM `vm` uses; false when there is no such VM. */
export function focusVm(vm: string): boolean {
  const ids = vmRoute(vm);
  if (ids.length < 1) return false;
  useFocus.setState({ focus: { kind: 'vm', vm, ids } });
  return true;
}

export function clearFocus() {
  if (useFocus.getState().focus) useFocus.setState({ focus: null });
}

/** What a selection can be focused on: a packet, or the VM a selected component belongs to. */
export function focusTarget(sel: Selection): { kind: 'packet'; id: number } | { kind: 'vm'; vm: string } | null {
  if (!sel) return null;
  if (sel.kind === 'packet') return { kind: 'packet', id: sel.id };
  if (sel.kind === 'event') return sel.packet != null ? { kind: 'packet', id: sel.packet } : null;
  const topo = topology();
  const i = topo?.componentIndex.get(sel.id);
  const vm = i !== undefined ? (topo?.components[i]?.vm ?? null) : null;
  return vm ? { kind: 'vm', vm } : null;
}

/** Focus on what `sel` allows; false when it allows nothing. */
export function focusSelection(sel: Selection): boolean {
  const t = focusTarget(sel);
  if (!t) return false;
  return t.kind === 'packet' ? focusPacket(t.id) : focusVm(t.vm);
}

/** `focus=` in the address bar: `p42` or `vm2`, null without a focus. */
export function focusParam(f: Focus | null): string | null {
  if (!f) return null;
  return f.kind === 'packet' ? `p${f.id}` : f.vm;
}
