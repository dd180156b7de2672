/**
 * Names for the comparison's folded hops. The per-hop table folds the same hop of every VM, queue
 * and VF into one row (`foldComponent` in src/analysis/compare.ts: `vm1.netvsc` and `vm2.netvsc` →
 * `vmN.netvsc`); a learner reads the Hyper-V name with a word for "any" in place of the instance
 * ("NetVSC (each VM)", "Queue k"), never the folded id.
 */
import type { TFunction } from 'i18next';
import type { Topology } from '../../engine/types';
import { componentLabel } from '../lessons/componentLabel';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern that matches the real ids a folded id stands for, with the instance captured. */
function unfoldPattern(folded: string): RegExp {
  const src = esc(folded)
    .replace(/\bvmN\b/g, '(vm\\d+)')
    .replace(/^nic\\\.queue\\\.k$/, 'nic\\.queue\\.(\\d+)')
    .replace(/^nic\\\.vf\\\.k$/, 'nic\\.vf\\.(\\d+)')
    .replace(/\\\.vp\\\.n$/, '\\.vp\\.(\\d+)');
  return new RegExp(`^${src}$`);
}

/**
 * The learner's name for a component id that may be folded (`vmN`, `queue.k`, `vf.k`, `vp.n`).
 * Unfolded ids get `componentLabel`'s name unchanged. A folded id is named after a real component
 * it stands for (a numbered queue rather than the default one, whose name is special), with the
 * instance replaced: "(each VM)" for the VM, "k" / "n" for a number.
 */
export function foldedComponentLabel(t: TFunction, topology: Topology, id: string): string {
  if (!/\bvmN\b|\.queue\.k$|\.vf\.k$|\.vp\.n$/.test(id)) return componentLabel(t, topology, id);
  const re = unfoldPattern(id);
  const matches = topology.components.filter((c) => re.test(c.id));
  const rep = matches.find((c) => !(c.kind === 'nic-queue' && c.n === 0)) ?? matches[0];
  if (!rep) return id;
  let label = componentLabel(t, topology, rep.id);
  if (rep.vm && /\bvmN\b/.test(id)) label = label.split(rep.vm).join(t('compare.hops.eachVm'));
  if (rep.n !== null && /\.(queue|vf)\.k$/.test(id)) label = label.replace(new RegExp(`${rep.n}$`), 'k');
  if (rep.n !== null && /\.vp\.n$/.test(id)) label = label.replace(new RegExp(`${rep.n}$`), 'n');
  return label;
}
