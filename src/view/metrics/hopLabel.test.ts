import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTopology, defaultConfig, makeVms } from '../../engine';
import { fixedTranslators } from '../../i18n/testing';
import { foldComponent } from '../../analysis/compare';
import { foldedComponentLabel } from './hopLabel';

let t: { en: TFunction; ja: TFunction };
beforeAll(async () => {
  t = await fixedTranslators();
});

describe('foldedComponentLabel', () => {
  const config = { ...defaultConfig(), vms: makeVms(3, 'synthetic'), vmq: true, sriov: true };
  const topology = buildTopology(config);
  const label = (id: string, lng: 'en' | 'ja' = 'en') => foldedComponentLabel(t[lng], topology, id);

  it('names folded ids by their Hyper-V name with the instance as a word, never the folded id', () => {
    expect(label('vmN.netvsc')).toBe('NetVSC (each VM)');
    expect(label('root.netvsp.vmN')).toBe('NetVSP (each VM)');
    expect(label('nic.queue.k')).toBe('Queue k');
    expect(label('vmN.netvsc', 'ja')).toContain('各 VM');
  });

  it('leaves unfolded ids to the ordinary component names', () => {
    expect(label('nic')).toBe('Physical NIC');
    expect(label('root.vswitch')).toBe('Extensible switch');
  });

  it('no row of a real trace shows a raw or folded id', () => {
    for (const c of topology.components) {
      const folded = foldComponent(c.id);
      const text = label(folded);
      expect(text, folded).not.toMatch(/\bvmN\b|\.k$|\.n$|^root\.|^nic\./);
    }
  });
});
