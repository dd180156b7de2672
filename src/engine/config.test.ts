import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config';
import { parseConfig } from './configSchema';
import { SCENARIOS, scenarioConfig } from './scenarios';

describe('parseConfig', () => {
  it('accepts the default configuration and every named scenario', () => {
    expect(parseConfig(defaultConfig()).ok).toBe(true);
    for (const name of Object.keys(SCENARIOS)) {
      const r = parseConfig(scenarioConfig(name, { vms: 4, packets: 200 }));
      expect(r.ok, `${name}: ${JSON.stringify(r.ok ? null : r.errors)}`).toBe(true);
    }
  });

  it('names the bad field', () => {
    const c = defaultConfig() as unknown as { vms: { id: string; adapter: string; vcpus: number }[] };
    const i = c.vms.length;
    c.vms.push({ id: `vm${i + 1}`, adapter: 'bogus', vcpus: 2 });
    const r = parseConfig(c);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(`vms[${i}].adapter`);
  });

  it.each([
    [(c: ReturnType<typeof defaultConfig>) => (c.nic.linkGbps = 7), 'nic.linkGbps'],
    [(c: ReturnType<typeof defaultConfig>) => (c.logicalProcessors = 1), 'logicalProcessors'],
    [(c: ReturnType<typeof defaultConfig>) => (c.vms[1]!.id = 'vm5'), 'vms[1].id'],
    [(c: ReturnType<typeof defaultConfig>) => (c.vms[0]!.vcpus = 9), 'vms[0].vcpus'],
    [(c: ReturnType<typeof defaultConfig>) => (c.nic.vmqQueues = 200), 'nic.vmqQueues'],
    [(c: ReturnType<typeof defaultConfig>) => (c.flows[0]!.packetBytes = 10), 'flows[0].packetBytes'],
    [(c: ReturnType<typeof defaultConfig>) => (c.flows[0]!.ratePps = 0), 'flows[0].ratePps'],
    [(c: ReturnType<typeof defaultConfig>) => (c.flows[0]!.vm = 'vm9'), 'flows[0].vm'],
    [(c: ReturnType<typeof defaultConfig>) => c.flows.push({ ...c.flows[0]!, id: 'x', direction: 'vm-to-vm' }), `flows[${defaultConfig().flows.length}].peerVm`],
    [(c: ReturnType<typeof defaultConfig>) => c.faults.push({ atNs: 0, kind: 'vf-remove' }), 'faults[0].vm'],
  ])('rejects %#', (mutate, path) => {
    const c = defaultConfig();
    mutate(c);
    const r = parseConfig(c);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(path);
  });

  it('rejects non-objects without throwing', () => {
    expect(parseConfig(null).ok).toBe(false);
    expect(parseConfig('x').ok).toBe(false);
    expect(parseConfig({ vms: [] }).ok).toBe(false);
  });
});
