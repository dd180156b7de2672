import { describe, expect, it } from 'vitest';
import type { SimConfig, VmConfig } from '../engine/types';
import { defaultConfig } from '../engine/config';
import { parseConfig } from '../engine/configSchema';
import { portPolicyValuesOf } from './portPolicyParams';
import { applyPortPolicy, parsePortPolicyOption } from './portPolicyParse';
import { formatUrlState } from './url';
import { parseUrlState } from './urlParse';
import { urlStateFromConfig, type EngineParseApi } from './urlConfig';
import { configFromUrlState } from './urlConfigParse';
import { scenarioConfig } from '../engine/scenarios';

const vms = (n: number): VmConfig[] => Array.from({ length: n }, (_, i) => ({ id: `vm${i + 1}` as VmConfig['id'], adapter: 'synthetic', vcpus: 2 }));

describe('port-policy options (URL and CLI share them)', () => {
  it('parses each option, per VM, with - for unchanged', () => {
    expect(parsePortPolicyOption('vlan', 'access:10,trunk:10.20,-')).toEqual({ ok: true, value: [{ mode: 'access', id: 10 }, { mode: 'trunk', ids: [10, 20] }, null] });
    expect(parsePortPolicyOption('acl', 'in.deny.udp.53/out.allow,none')).toEqual({
      ok: true,
      value: [[{ direction: 'inbound', action: 'deny', protocol: 'udp', remotePort: 53 }, { direction: 'outbound', action: 'allow' }], []],
    });
    expect(parsePortPolicyOption('limit-mbps', '500,0')).toEqual({ ok: true, value: [500, 0] });
    expect(parsePortPolicyOption('mirror', 'source,destination,none')).toEqual({ ok: true, value: ['source', 'destination', 'none'] });
  });
  it('names the bad entry', () => {
    expect(parsePortPolicyOption('vlan', 'access:10,trunk:5000')).toEqual({ ok: false, entry: 'trunk:5000', index: 1 });
    expect(parsePortPolicyOption('vlan', 'access:1.2')).toMatchObject({ ok: false });
    expect(parsePortPolicyOption('acl', 'in.drop')).toMatchObject({ ok: false, entry: 'in.drop' });
    expect(parsePortPolicyOption('limit-mbps', '100001')).toMatchObject({ ok: false });
    expect(parsePortPolicyOption('mirror', 'both')).toMatchObject({ ok: false });
  });
  it('applies one entry to all VMs, a list per VM; the result is a valid configuration', () => {
    const out = applyPortPolicy(vms(3), { vlan: 'access:10,trunk:10.20', acl: 'out.deny.udp.5001', 'limit-mbps': '-,300', mirror: 'source,-,destination' });
    expect(out[0]).toMatchObject({ vlan: 10, nic: { vlanMode: 'access', acl: [{ direction: 'outbound', action: 'deny', protocol: 'udp', remotePort: 5001 }], mirror: 'source' } });
    expect(out[1]!.nic).toMatchObject({ vlanMode: 'trunk', trunkVlans: [10, 20], maxMbps: 300 });
    expect(out[2]!.nic).toMatchObject({ mirror: 'destination' });
    expect(out[2]!.nic!.vlanMode).toBeUndefined();
    const c: SimConfig = { ...defaultConfig(), vms: out, flows: [] };
    expect(parseConfig(c).ok).toBe(true);
  });
  it('formats back only what differs from the base', () => {
    const base = vms(2);
    const now = applyPortPolicy(base, { acl: 'in.deny.icmp', mirror: 'source,destination' });
    expect(portPolicyValuesOf(now, base)).toEqual({ acl: 'in.deny.icmp', mirror: 'source,destination' });
    expect(portPolicyValuesOf(base, base)).toEqual({});
  });
});

describe('URL: vlan, acl, limit-mbps, mirror', () => {
  const parse = (s: string) => parseUrlState(s, { scenarios: ['port-policy', 'synthetic'] });
  it('reads them and reports bad ones like adapter', () => {
    const { state, issues } = parse('?vms=2&vlan=trunk:10.20&acl=in.deny.udp.53/out.allow,none&limit-mbps=500&mirror=source,destination');
    expect(issues).toEqual([]);
    expect(state.portPolicy).toEqual({ vlan: 'trunk:10.20', acl: 'in.deny.udp.53/out.allow,none', 'limit-mbps': '500', mirror: 'source,destination' });
    const bad = parse('?vms=2&vlan=trunk&mirror=a,b,c&acl=in.deny,out.deny,in.allow');
    expect(bad.issues.map((i) => [i.param, i.reason])).toEqual([['vlan', 'malformed'], ['acl', 'mismatch'], ['mirror', 'malformed']]);
    expect(bad.state.portPolicy).toBeUndefined();
  });
  it('round-trips through the configuration (link → config → link)', async () => {
    const engine = await import('../engine');
    const api: EngineParseApi = { defaultConfig: engine.defaultConfig, scenarioConfig: engine.scenarioConfig, parseConfig };
    const { state } = parse('?scenario=synthetic&vms=2&acl=out.deny.udp.5001,-&limit-mbps=0,300&mirror=none,source');
    const { config, issues } = configFromUrlState(state, api);
    expect(issues).toEqual([]);
    expect(config.vms[0]!.nic!.acl).toHaveLength(1);
    expect(config.vms[1]!.nic!.maxMbps).toBe(300);
    const back = urlStateFromConfig(config, { scenario: { name: 'synthetic', packets: null }, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null }, api);
    expect(formatUrlState(back)).toContain('acl=out.deny.udp.5001,none&limit-mbps=0,300&mirror=none,source');
    // The port-policy scenario's own policy needs no parameter.
    const pp = urlStateFromConfig(scenarioConfig('port-policy'), { scenario: { name: 'port-policy', packets: null }, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null }, api);
    expect(pp.portPolicy).toBeUndefined();
  });
});
