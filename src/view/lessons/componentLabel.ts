import type { TFunction } from 'i18next';
import type { Topology } from '../../engine/types';

/**
 * A short, translated name for a component id, using the diagram's names
 * (`diagram.short.<kind>`): "NetVSP (vm1)", "Queue 2", "LP 0", "Default queue", "Out ring (vm1)".
 * Falls back to the id only for an id the topology does not hold.
 */
export function componentLabel(t: TFunction, topology: Topology, id: string): string {
  const i = topology.componentIndex.get(id);
  const c = i === undefined ? undefined : topology.components[i];
  if (!c) return id;
  if (c.vm && (c.kind === 'ring-out' || c.kind === 'ring-in')) return t(c.kind === 'ring-out' ? 'diagram.names.ringOut' : 'diagram.names.ringIn', { vm: c.vm });
  if (c.kind === 'nic-queue' && c.n === 0) return t('diagram.names.defaultQueue');
  const key = `diagram.short.${c.kind}`;
  const short = t(key);
  const name = short === key ? id : short;
  if (c.n !== null && c.kind !== 'vp') return `${name} ${c.n}`;
  if (c.vm) return c.kind === 'vp' ? `${c.vm} ${name} ${c.n ?? ''}`.trim() : `${name} (${c.vm})`;
  return name;
}
