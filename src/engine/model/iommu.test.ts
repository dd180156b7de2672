import { describe, expect, it } from 'vitest';
import { runCollect } from '../testkit';
import { flow, host } from './fixtures';

describe('iommu: VF mappings and DMA translation', () => {
  const c = host(['sriov']);
  c.flows = [flow('tx', 'vm-to-external', 'vm1')];
  const { events, sim } = runCollect(c, 3_000_000);

  it('maps the VM for the VF RID during bring-up and shows the mapping', () => {
    expect(events.some((e) => e.kind === 'config' && e.detail === 'IOMMU map' && e.to === 'iommu')).toBe(true);
    const m = sim.snapshot().vms[0]!.iommuMappings;
    expect(m).toEqual([{ gpaStart: '0x0', gpaEnd: '0xffffffff', spaStart: '0x200000000', rid: '0000:03:11.0' }]);
  });

  it('translates the VF DMA of each send', () => {
    const p = events.filter((e) => e.kind === 'send').at(-1)!.packet;
    expect(events.some((e) => e.packet === p && e.kind === 'dma' && e.to === 'iommu')).toBe(true);
  });
});
