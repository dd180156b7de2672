/**
 * Where work runs. Logical processors are serialising resources: a hop charged to an LP occupies
 * it for cycles / 3 ns (3.0 GHz reference clock), and a hop that finds it busy waits. Throughput
 * caps therefore emerge from the cost table instead of being coded.
 *
 * Placement (deterministic, a model choice where the facts are silent):
 * - The NIC's default queue interrupts LP0 (facts §6: default BaseVmqProcessor 0:0); VMQ queue k
 *   runs on LP 1 + (k − 1) mod (L − 1), skipping LP0 where possible.
 * - Root send processing and the VM's worker process run on LP 1 + (n − 1) mod (L − 1) for VM n
 *   (channels are spread over CPUs, facts §2.2; the exact root CPU is unverified).
 * - Guest VP 0 of VM n runs on LP L − 1 − (n − 1) mod (L − 1), from the top down, so a small host
 *   keeps guest and root work apart. The hypervisor's VP scheduler is not modelled: a VP is
 *   pinned to its LP and shares it first-come-first-served with root work placed there.
 */

export interface Placement {
  txLp: number;
  vpLp: number;
}

export function placement(vmNumber: number, lps: number): Placement {
  const spread = Math.max(1, lps - 1);
  const k = (vmNumber - 1) % spread;
  return { txLp: lps > 1 ? 1 + k : 0, vpLp: lps > 1 ? lps - 1 - k : 0 };
}

export function queueLp(q: number, lps: number): number {
  return q === 0 || lps < 2 ? 0 : 1 + ((q - 1) % (lps - 1));
}
