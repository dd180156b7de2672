/**
 * The glossary: every Hyper-V term the product uses, in the order a learner meets them, each with
 * the diagram components it names (patterns as in lesson highlights: `*` matches within an id).
 * Texts: `glossary.terms.<id>.{term,body}` in both locale files. An empty `components` list means
 * the model does not draw the concept as a component (say so rather than point at something else).
 */
export interface GlossaryTerm {
  id: string;
  components: readonly string[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  { id: 'partition', components: ['root.os', 'vm*.stack'] },
  { id: 'rootPartition', components: ['root.os'] },
  { id: 'childPartition', components: ['vm*.stack'] },
  { id: 'hypervisor', components: ['hv'] },
  { id: 'slat', components: [] },
  { id: 'gpaSpa', components: ['iommu'] },
  { id: 'vp', components: ['vm*.vp.*'] },
  { id: 'lp', components: ['lp.*'] },
  { id: 'hypercall', components: ['hv'] },
  { id: 'vmExit', components: ['hv'] },
  { id: 'synic', components: ['vm*.vp.*'] },
  { id: 'sint', components: ['vm*.vp.*'] },
  { id: 'vmbus', components: ['root.vmbus', 'vm*.vmbus'] },
  { id: 'vmbusChannel', components: ['vm*.vmbus.out', 'vm*.vmbus.in'] },
  { id: 'gpadl', components: ['vm*.vmbus.out'] },
  { id: 'vspVsc', components: ['root.netvsp.*', 'vm*.netvsc'] },
  { id: 'netvsc', components: ['vm*.netvsc'] },
  { id: 'netvsp', components: ['root.netvsp.*'] },
  { id: 'nvsp', components: ['vm*.netvsc'] },
  { id: 'rndis', components: ['vm*.netvsc'] },
  { id: 'syntheticAdapter', components: ['vm*.netvsc'] },
  { id: 'emulatedAdapter', components: ['vm*.legacy'] },
  { id: 'generation', components: ['vm*.legacy'] },
  { id: 'ndis', components: ['root.pf'] },
  { id: 'vmq', components: ['nic.queue.1', 'nic.queue.*'] },
  { id: 'defaultQueue', components: ['nic.queue.default'] },
  { id: 'vmmq', components: [] },
  { id: 'sriov', components: ['nic.eswitch'] },
  { id: 'pfVf', components: ['nic.vf.*', 'root.pf'] },
  { id: 'nicSwitch', components: ['nic.eswitch'] },
  { id: 'iommu', components: ['iommu'] },
  { id: 'vpci', components: ['root.vpci.*', 'vm*.vpci'] },
  { id: 'vmwp', components: ['root.vmwp.*'] },
  { id: 'vid', components: ['root.vid'] },
  { id: 'vmms', components: ['root.vmms'] },
  { id: 'extensibleSwitch', components: ['root.vswitch'] },
  { id: 'switchExtension', components: ['root.vswitch.*'] },
];

export const glossaryKeys = {
  term: (id: string) => `glossary.terms.${id}.term`,
  body: (id: string) => `glossary.terms.${id}.body`,
} as const;

/**
 * The component a term shows on the diagram now: the first id of the current topology that one of
 * its patterns matches (all of them, for the highlight), or null when none is drawn.
 */
export function termComponents(term: GlossaryTerm, ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of term.components) {
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*')}$`);
    for (const id of ids) if (re.test(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

/** The glossary entry that explains a diagram component of this kind (for the inspector's link). */
export const TERM_FOR_KIND: Readonly<Record<string, string>> = {
  nic: 'sriov',
  'nic-queue': 'vmq',
  'nic-eswitch': 'nicSwitch',
  'nic-vf': 'pfVf',
  iommu: 'iommu',
  hypervisor: 'hypervisor',
  lp: 'lp',
  'root-os': 'rootPartition',
  vmms: 'vmms',
  vid: 'vid',
  'pf-miniport': 'pfVf',
  vswitch: 'extensibleSwitch',
  'vswitch-extension': 'switchExtension',
  'vmbus-root': 'vmbus',
  netvsp: 'netvsp',
  vmwp: 'vmwp',
  'vpci-vsp': 'vpci',
  'guest-stack': 'childPartition',
  'vmbus-guest': 'vmbus',
  netvsc: 'netvsc',
  'ring-out': 'vmbusChannel',
  'ring-in': 'vmbusChannel',
  'legacy-nic': 'emulatedAdapter',
  'vf-miniport': 'pfVf',
  'vpci-vsc': 'vpci',
  vp: 'vp',
};
