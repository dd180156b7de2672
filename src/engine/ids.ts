/**
 * Component ids: every id of a per-VM, per-queue or per-VF component is built here, by the
 * engine (route compilers, control scripts, topology), the store (because-notes, pending cues),
 * the view (diagram layouts, inspector) and the lessons (highlights, waits, questions), so an id
 * is spelt in one place. Highlight and glossary *patterns* (`vm1.*`, `nic.vf.*`) and the
 * prefix tests in compareRuns.ts are patterns, not ids, and stay strings. Fixed ids (`hv`, `root.vswitch`, `nic`,
 * `iommu`, `wire`, …) are the strings themselves (`topology.ts` lists every component).
 */

/** A guest-side component of VM `vm` (e.g. `vm1.netvsc`). */
export const guest = {
  stack: (vm: string) => `${vm}.stack`,
  netvsc: (vm: string) => `${vm}.netvsc`,
  vmbus: (vm: string) => `${vm}.vmbus`,
  ringOut: (vm: string) => `${vm}.vmbus.out`,
  ringIn: (vm: string) => `${vm}.vmbus.in`,
  legacy: (vm: string) => `${vm}.legacy`,
  vf: (vm: string) => `${vm}.vf`,
  vpci: (vm: string) => `${vm}.vpci`,
  vp: (vm: string, n: number) => `${vm}.vp.${n}`,
} as const;

/** A root-side component serving VM `vm` (e.g. `root.netvsp.vm1`). */
export const root = {
  netvsp: (vm: string) => `root.netvsp.${vm}`,
  vmwp: (vm: string) => `root.vmwp.${vm}`,
  vpci: (vm: string) => `root.vpci.${vm}`,
  extension: (name: string) => `root.vswitch.${name}`,
} as const;

/** NIC components: receive queue `k` (0 = the default queue), VF `k`, logical processor `n`. */
export const nic = {
  queue: (k: number) => (k === 0 ? 'nic.queue.default' : `nic.queue.${k}`),
  vf: (k: number) => `nic.vf.${k}`,
} as const;

export const lp = (n: number) => `lp.${n}`;

/** The ring of VM `vm` in direction `dir`. */
export const ring = (vm: string, dir: 'out' | 'in') => (dir === 'out' ? guest.ringOut(vm) : guest.ringIn(vm));
