import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../engine/topology';
import en from '../../i18n/locales/en.json';
import ja from '../../i18n/locales/ja.json';
import { scene } from '../../lessons/scenes';
import { GLOSSARY, TERM_FOR_KIND, glossaryKeys, termComponents } from './terms';

const lookup = (root: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), root);

/** A host with every kind of component: three adapters, VMQ, SR-IOV and every extension. */
const full = buildTopology(
  scene({ adapters: ['synthetic', 'emulated', 'sriov'], vmq: true, sriov: true, extensions: { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: true } }),
);
const ids = full.components.map((c) => c.id);

describe('glossary', () => {
  it('has every term and explanation in English and Japanese, ids unique', () => {
    expect(new Set(GLOSSARY.map((g) => g.id)).size).toBe(GLOSSARY.length);
    for (const dict of [en, ja]) {
      for (const g of GLOSSARY) {
        expect(typeof lookup(dict, glossaryKeys.term(g.id)), g.id).toBe('string');
        expect(typeof lookup(dict, glossaryKeys.body(g.id)), g.id).toBe('string');
      }
    }
  });

  it('covers every Hyper-V term the brief lists', () => {
    const terms = GLOSSARY.map((g) => lookup(en, glossaryKeys.term(g.id)) as string).join(' | ');
    for (const t of ['Partition', 'VP', 'LP', 'SynIC', 'SINT', 'GPADL', 'VMBus channel', 'VSP', 'VSC', 'NetVSC', 'NetVSP', 'NVSP', 'RNDIS', 'VMQ', 'VMMQ', 'SR-IOV', 'PF', 'VF', 'IOMMU', 'vPCI', 'VMWP', 'VID', 'VMMS', 'extensible switch']) {
      expect(terms).toContain(t);
    }
  });

  it('links each term to components that exist on the diagram (or says it is not drawn)', () => {
    for (const g of GLOSSARY) {
      if (g.components.length === 0) continue;
      expect(termComponents(g, ids).length, g.id).toBeGreaterThan(0);
      for (const p of g.components) expect(termComponents({ id: g.id, components: [p] }, ids).length, `${g.id}: ${p}`).toBeGreaterThan(0);
    }
    expect(termComponents({ id: 'x', components: ['vm*.vp.*'] }, ids)).toContain('vm1.vp.0');
    expect(termComponents({ id: 'x', components: ['vm*.vp.*'] }, ids)).not.toContain('vm1.vmbus');
  });

  it('has an entry for every kind of component the inspector can show', () => {
    const terms = new Set(GLOSSARY.map((g) => g.id));
    for (const c of full.components) {
      if (c.kind === 'wire' || c.kind === 'nic') continue;
      expect(TERM_FOR_KIND[c.kind], c.kind).toBeDefined();
      expect(terms.has(TERM_FOR_KIND[c.kind]!), c.kind).toBe(true);
    }
  });
});
