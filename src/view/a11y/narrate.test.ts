import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComponentInfo, Topology, TraceEvent } from '../../engine/types';
import { resources } from '../../i18n/resources';
import { groupComponents } from './ComponentList';
import { narrateEvent } from './narrate';

const comp = (id: string, kind: ComponentInfo['kind'], place: ComponentInfo['place'], vm: ComponentInfo['vm'] = null, n: number | null = null): ComponentInfo => ({
  id,
  index: 0,
  kind,
  place,
  mode: place === 'hardware' || place === 'hypervisor' || place === 'external' ? null : 'kernel',
  vm,
  n,
});

const components = [
  comp('vm2.netvsc', 'netvsc', 'vm2', 'vm2'),
  comp('nic', 'nic', 'hardware'),
  comp('vm1.netvsc', 'netvsc', 'vm1', 'vm1'),
  comp('root.netvsp.vm1', 'netvsp', 'root', 'vm1'),
  comp('hv', 'hypervisor', 'hypervisor'),
  comp('wire', 'wire', 'external'),
  comp('vm10.netvsc', 'netvsc', 'vm10', 'vm10'),
].map((c, index) => ({ ...c, index }));
const topology: Topology = {
  components,
  links: [],
  componentIndex: new Map(components.map((c) => [c.id, c.index])),
  linkIndex: new Map(),
};

const ev = (p: Partial<TraceEvent>): TraceEvent => ({
  t: 12_345,
  seq: 1,
  kind: 'hop',
  packet: 7,
  from: 'vm1.netvsc',
  to: 'root.netvsp.vm1',
  path: 'synthetic',
  cpu: null,
  detail: '',
  dur: 0,
  vm: 'vm1',
  cost: null,
  ...p,
});

beforeAll(async () => {
  await i18next.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

describe('event narration', () => {
  it('says what moves, from where to where, on which path, at what time', async () => {
    await i18next.changeLanguage('en');
    const s = narrateEvent(i18next.t, topology, ev({}));
    expect(s).toMatch(/^At 12\.345 µs: Packet 7 crosses from .*NetVSC.* to .*NetVSP.* on the synthetic path\.$/);
    expect(narrateEvent(i18next.t, topology, ev({ kind: 'hypercall', packet: null, detail: 'HvCallSignalEvent' }))).toContain('Hypercall HvCallSignalEvent');
  });

  it('speaks Japanese after a switch, keeping Hyper-V names', async () => {
    await i18next.changeLanguage('ja');
    const s = narrateEvent(i18next.t, topology, ev({ kind: 'drop', from: 'nic', detail: 'ring-full' }));
    expect(s).toContain('破棄');
    expect(s).toContain('ring-full');
    expect(s).toContain('パケット 7');
  });
});

describe('component list groups', () => {
  it('orders external, hardware, hypervisor, root, then VMs by number', () => {
    expect(groupComponents(topology).map((g) => g.place)).toEqual(['external', 'hardware', 'hypervisor', 'root', 'vm1', 'vm2', 'vm10']);
  });
});
