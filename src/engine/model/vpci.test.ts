import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation';
import { scenarioConfig } from '../scenarios';
import type { TraceEvent } from '../types';

describe('vpci: the VF arrives and leaves on the virtual PCI bus', () => {
  it('enumerates the VF (protocol, bus relations, D0, resources, MSI) and ejects it on removal', () => {
    const sim = createSimulation(scenarioConfig('vf-failover'), { seed: 1 });
    const events: TraceEvent[] = [...sim.snapshot().events];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(2_500_000);
    const vpci = [...new Set(events.filter((e) => e.from.includes('vpci') && e.kind === 'hop').map((e) => e.detail))];
    expect(vpci.slice(0, 5)).toEqual(['PCI_QUERY_PROTOCOL_VERSION', 'PCI_QUERY_PROTOCOL_VERSION completion', 'PCI_QUERY_BUS_RELATIONS', 'PCI_BUS_RELATIONS', 'PCI_BUS_D0ENTRY']);
    expect(vpci).toContain('PCI_CREATE_INTERRUPT_MESSAGE');
    expect(vpci.indexOf('PCI_EJECTION_COMPLETE')).toBeGreaterThan(vpci.indexOf('PCI_EJECT'));
  });
});
