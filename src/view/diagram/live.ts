/**
 * Small selectors each diagram node uses to subscribe to its own live numbers by id. They return
 * primitives (or stable references from the store), so a node re-renders only when its own figure
 * changes, not on every ~10 Hz publish.
 */
import type { VmId, VmState } from '../../engine/types';
import { useSim, type SimState } from '../../store/simStore';

const vmIndexCache = new WeakMap<VmState[], Map<string, VmState>>();

/** The VM's live state (a stable reference for one publish). */
export function vmState(s: SimState, vm: VmId | null): VmState | undefined {
  if (!vm) return undefined;
  const vms = s.live.vms;
  let m = vmIndexCache.get(vms);
  if (!m) {
    m = new Map(vms.map((v) => [v.id, v]));
    vmIndexCache.set(vms, m);
  }
  return m.get(vm);
}

export function useRing(vm: VmId | null, dir: 'out' | 'in') {
  const pct = useSim((s) => {
    const r = vmState(s, vm)?.[dir];
    return r && r.sizeBytes > 0 ? Math.min(100, Math.round((100 * r.usedBytes) / r.sizeBytes)) : 0;
  });
  const masked = useSim((s) => vmState(s, vm)?.[dir].interruptMask ?? false);
  return { pct, masked };
}

/** Issue 11: the vNIC's open VMBus channels (1 without vRSS/VMMQ). */
export function useChannels(vm: VmId | null): number {
  return useSim((s) => vmState(s, vm)?.rss?.channels ?? 1);
}

/** "vm3@2" for a queue assigned to vm3 interrupting LP 2, "" when unassigned. */
export function useQueueAssignment(n: number | null): { vm: string; lp: number } | null {
  const key = useSim((s) => {
    if (n === null) return '';
    if (n === 0) {
      // The default queue serves every VM without its own queue; its LP is their rxLp.
      const v = s.live.vms.find((x) => x.vmqQueue === null);
      return v ? `@${v.rxLp}` : '';
    }
    const a = s.live.vmqAssignments.find((q) => q.queue === n);
    return a ? `${a.vm}@${a.lp}` : '';
  });
  if (!key) return null;
  const [vm, lp] = key.split('@');
  return { vm: vm ?? '', lp: Number(lp) };
}

export function useVfAssignment(n: number | null): string {
  return useSim((s) => (n === null ? '' : (s.live.vfAssignments.find((a) => a.vf === n)?.vm ?? '')));
}

/** IOMMU mappings of VMs with a VF, as one stable string "vm1:2,vm3:1". */
export function useIommuSummary(): string {
  return useSim((s) =>
    s.live.vms
      .filter((v) => v.iommuMappings.length > 0)
      .map((v) => `${v.id}:${v.iommuMappings.length}`)
      .join(','),
  );
}

export function useSelected(ids: readonly string[]): boolean {
  return useSim((s) => s.selection?.kind === 'component' && ids.includes(s.selection.id));
}

/** 1 = highlighted, 0 = no highlight active, -1 = dimmed. */
export function useEmphasis(ids: readonly string[]): -1 | 0 | 1 {
  return useSim((s) => (s.highlight === null ? 0 : ids.some((id) => (s.highlight as string[]).includes(id)) ? 1 : -1));
}

export function useVmAdapter(vm: VmId | null) {
  return useSim((s) => vmState(s, vm)?.activePath ?? null);
}
