import type { TFunction } from 'i18next';
import type { Topology } from '../../engine/types';

/**
 * A short, translated name for a component id, using the diagram's names
 * (`diagram.short.<kind>`): "NetVSP (vm1)", "Queue 2", "LP 0". Falls back to the id.
 */
export function componentLabel(t: TFunction, topology: Topology, id: string): string {
  const i = topology.componentIndex.get(id);
  const c = i === undefined ? undefined : topology.components[i];
  if (!c) return id;
  const key = `diagram.short.${c.kind}`;
  const short = t(key);
  const name = short === key ? id : short;
  if (c.kind === 'nic-queue' && c.n === 0) return name;
  if (c.n !== null && c.kind !== 'vp') return `${name} ${c.n}`;
  if (c.vm) return c.kind === 'vp' ? `${c.vm} ${name} ${c.n ?? ''}`.trim() : `${name} (${c.vm})`;
  return name;
}
