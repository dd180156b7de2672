import type { VmId } from '../../../engine/types';
import { LAYOUT_DEFAULTS } from './types';

export function pickVisibleVms(
  vms: readonly VmId[],
  expanded: readonly VmId[] = [],
  maxAllExpanded: number = LAYOUT_DEFAULTS.maxAllExpanded,
  slots: number = LAYOUT_DEFAULTS.slotsWhenCollapsed,
): { visible: VmId[]; collapsed: VmId[] } {
  if (vms.length <= maxAllExpanded) return { visible: [...vms], collapsed: [] };
  const known = new Set(vms);
  const chosen: VmId[] = [];
  // Most recent expansions win; fill the remaining slots in VM order.
  for (let i = expanded.length - 1; i >= 0 && chosen.length < slots; i--) {
    const v = expanded[i] as VmId;
    if (known.has(v) && !chosen.includes(v)) chosen.push(v);
  }
  for (const v of vms) {
    if (chosen.length >= slots) break;
    if (!chosen.includes(v)) chosen.push(v);
  }
  const set = new Set(chosen);
  return { visible: vms.filter((v) => set.has(v)), collapsed: vms.filter((v) => !set.has(v)) };
}
