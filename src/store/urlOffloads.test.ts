/** The per-vNIC offload parameters of the link (`lso`, `rsc`, `csum`, `mtu`; issue 11). */
import { describe, expect, it } from 'vitest';
import { createSimulation, defaultConfig, scenarioConfig } from '../engine';
import { parseConfig } from '../engine/configSchema';
import { formatUrlState } from './url';
import { parseUrlState } from './urlParse';
import { urlStateFromConfig, type EngineParseApi } from './urlConfig';
import { configFromUrlState } from './urlConfigParse';

const api: EngineParseApi = { defaultConfig, scenarioConfig, parseConfig };
const parse = (s: string) => parseUrlState(s, { scenarios: ['synthetic', 'offloads'] });

describe('offload parameters in the link', () => {
  it('reads one value for all VMs or a comma list per VM', () => {
    const { state, issues } = parse('?vms=2&lso=1&rsc=0,1&csum=off&mtu=1500,9000');
    expect(issues).toEqual([]);
    expect([state.lso, state.rsc, state.csum, state.mtu]).toEqual([[true], [false, true], [false], [1500, 9000]]);
    const { config } = configFromUrlState(state, api);
    expect(config.vms.map((v) => v.nic)).toEqual([
      { lso: true, rsc: false, checksum: false, mtu: 1500 },
      { lso: true, rsc: true, checksum: false, mtu: 9000 },
    ]);
  });

  it('reports bad values like the other options and carries on without them', () => {
    const { state, issues } = parse('?vms=2&lso=maybe&mtu=100&rsc=1,0,1');
    expect(state.lso).toBeUndefined();
    expect(state.mtu).toBeUndefined();
    expect(state.rsc).toEqual([true, false]);
    expect(issues).toEqual([
      { param: 'lso', value: 'maybe', reason: 'malformed', expected: 'on | off, or a comma list per VM' },
      { param: 'rsc', value: '1,0,1', reason: 'mismatch', expected: '1 or 2 values' },
      { param: 'mtu', value: '100', reason: 'range', expected: '576–9000, or a comma list per VM' },
    ]);
  });

  it('a link of a configuration with LSO on for vm2 reopens it; the offloads scenario needs no parameter', () => {
    const c = scenarioConfig('synthetic');
    c.vms = [...c.vms, { id: 'vm2', adapter: 'synthetic', vcpus: 2, nic: { lso: true } }];
    const q = formatUrlState(urlStateFromConfig(c, { scenario: null, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null }, api));
    expect(q).toContain('lso=0,1');
    expect(q).not.toContain('rsc=');
    const back = configFromUrlState(parse(`?${q}`).state, api).config;
    expect(back.vms[1]?.nic?.lso).toBe(true);
    expect(back.vms[0]?.nic?.lso).toBe(false);
    const o = formatUrlState(urlStateFromConfig(scenarioConfig('offloads'), { scenario: { name: 'offloads', packets: null }, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null }, api));
    expect(o).not.toMatch(/lso=|rsc=/);
    expect(createSimulation(back, { seed: 1 }).config.vms[1]?.nic?.lso).toBe(true);
  });
});

describe('a live offload change in the link (ch)', () => {
  it('is accepted by the ch parameter (port settings use = and +)', () => {
    const { state, issues } = parse('?vms=2&ch=762570:nic:vm2:lso%3D1%2Brsc%3D1');
    expect(issues).toEqual([]);
    expect(state.ch).toBe('762570:nic:vm2:lso=1+rsc=1');
  });
});
