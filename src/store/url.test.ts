import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AdapterKind, SimConfig, VmId } from '../engine/types';
import { EMPTY_URL_STATE, formatUrlState, type UrlState } from './url';
import { parseUrlState } from './urlParse';
import { urlStateFromConfig, type EngineParseApi } from './urlConfig';
import { configFromUrlState } from './urlConfigParse';
import { flowToSpec, formatFlowSpec, parseFlowSpec, presetFlows, TRAFFIC_PRESETS } from './traffic';
import { SPEEDS } from './speed';

const SCENARIOS = ['synthetic', 'emulated', 'vmq', 'sriov', 'vf-failover', 'vm-to-vm', 'mixed', 'vrss', 'stress'];
const parse = (s: string) => parseUrlState(s, { scenarios: SCENARIOS });

/** A stand-in for the engine's configuration functions (same shapes as src/engine/index.ts). */
const fakeApi: EngineParseApi = {
  defaultConfig: (): SimConfig => ({
    vms: [{ id: 'vm1', adapter: 'synthetic', vcpus: 2 }],
    vmq: false,
    sriov: false,
    nic: { vmqQueues: 4, vfCount: 4, linkGbps: 10 },
    logicalProcessors: 4,
    flows: [{ id: 'f1', direction: 'vm-to-external', vm: 'vm1', protocol: 'udp', packetBytes: 1500, ratePps: 100_000 }],
    extensions: { capture: false, filter: { enabled: false, dropRules: [] }, forwarding: false },
    faults: [],
  }),
  scenarioConfig: (name, opts) => {
    const c = fakeApi.defaultConfig();
    const n = opts.vms ?? (name === 'stress' ? 16 : 1);
    c.vms = Array.from({ length: n }, (_, i) => ({ id: `vm${i + 1}` as VmId, adapter: 'synthetic' as const, vcpus: 2 }));
    c.flows = presetFlows('udp-out', c.vms.map((v) => v.id));
    if (name === 'vmq') c.vmq = true;
    if (name === 'vf-failover') c.faults = [{ atNs: 100_000, kind: 'vf-remove', vm: 'vm1' }];
    return c;
  },
  parseConfig: (input) => {
    const c = input as SimConfig;
    if (c.vms.length < 1 || c.vms.length > 64) return { ok: false, errors: [{ path: 'vms', message: '1…64' }] };
    return { ok: true, config: c };
  },
};

describe('parseUrlState', () => {
  it('reads a full, valid link', () => {
    const { state, issues } = parse(
      '?vms=3&adapter=emulated,synthetic,sriov&vmq=on&sriov=true&traffic=tcp-rr&seed=42&speed=20us&t=123456&play=0&lang=ja&ext=filter,capture',
    );
    expect(issues).toEqual([]);
    expect(state).toEqual<UrlState>({
      ...EMPTY_URL_STATE,
      vms: 3,
      adapters: ['emulated', 'synthetic', 'sriov'],
      vmq: true,
      sriov: true,
      traffic: 'tcp-rr',
      seed: 42,
      speed: 20_000,
      t: 123_456,
      play: false,
      lang: 'ja',
      ext: ['capture', 'filter'],
    });
  });

  it('leaves absent parameters null and reports nothing for an empty query', () => {
    expect(parse('')).toEqual({ state: EMPTY_URL_STATE, issues: [] });
    expect(parse('?')).toEqual({ state: EMPTY_URL_STATE, issues: [] });
  });

  it.each([
    ['1', true], ['0', false], ['on', true], ['off', false], ['true', true], ['false', false], ['ON', true], ['yes', true], ['no', false],
  ])('switches accept %s', (v, on) => {
    const { state, issues } = parse(`?vmq=${v}&sriov=${v}`);
    expect(issues).toEqual([]);
    expect(state.vmq).toBe(on);
    expect(state.sriov).toBe(on);
  });

  it.each([
    ['vms=0', 'vms', 'range'],
    ['vms=65', 'vms', 'range'],
    ['vms=abc', 'vms', 'malformed'],
    ['vms=-1', 'vms', 'malformed'],
    ['vms=2.5', 'vms', 'malformed'],
    ['vmq=maybe', 'vmq', 'malformed'],
    ['sriov=2', 'sriov', 'malformed'],
    ['adapter=quantum', 'adapter', 'malformed'],
    ['traffic=flood', 'traffic', 'unknown-value'],
    ['seed=4294967296', 'seed', 'range'],
    ['speed=1s', 'speed', 'malformed'],
    ['speed=10ns', 'speed', 'range'],
    ['speed=5ms', 'speed', 'range'],
    ['t=-5', 't', 'malformed'],
    ['t=99999999999', 't', 'range'],
    ['lang=fr', 'lang', 'unknown-value'],
    ['scenario=nope', 'scenario', 'unknown-value'],
    ['ext=firewall', 'ext', 'unknown-value'],
    ['flows=vm1:ext:udp:1500', 'flows', 'malformed'],
    ['flows=vm1:ext:udp:10:100', 'flows', 'range'],
    ['flows=ext:ext:udp:1500:100', 'flows', 'malformed'],
    ['packets=50&scenario=vmq', 'packets', 'mismatch'],
  ])('%s is reported as %s/%s and falls back to the default', (q, param, reason) => {
    const { state, issues } = parse(`?${q}`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ param, reason });
    expect(issues[0]?.expected.length).toBeGreaterThan(0);
    expect(state[param === 'adapter' ? 'adapters' : (param as keyof UrlState)]).toBeNull();
  });

  it('accepts the edges of every range', () => {
    const { state, issues } = parse('?vms=1&seed=0&t=0&speed=0.2us');
    expect(issues).toEqual([]);
    expect([state.vms, state.seed, state.t, state.speed]).toEqual([1, 0, 0, 200]);
    const hi = parse('?vms=64&seed=4294967295&t=10000000000&speed=1ms&scenario=stress&packets=50000');
    expect(hi.issues).toEqual([]);
    expect([hi.state.vms, hi.state.seed, hi.state.t, hi.state.speed, hi.state.packets]).toEqual([64, 4294967295, 1e10, 1e6, 50000]);
  });

  it('keeps good parameters when others are bad', () => {
    const { state, issues } = parse('?vms=999&vmq=1&adapter=emulated&speed=fast');
    expect(issues.map((i) => i.param).sort()).toEqual(['speed', 'vms']);
    expect(state.vmq).toBe(true);
    expect(state.adapters).toEqual(['emulated']);
  });

  it('reports an adapter list that does not match vms', () => {
    const { state, issues } = parse('?vms=2&adapter=emulated,synthetic,sriov');
    expect(issues).toMatchObject([{ param: 'adapter', reason: 'mismatch' }]);
    expect(state.adapters).toEqual(['emulated', 'synthetic']);
  });

  it('drops flows that name VMs beyond vms', () => {
    const { state, issues } = parse('?vms=2&flows=vm1:ext:udp:1500:100k,vm3:ext:udp:1500:100k');
    expect(issues).toMatchObject([{ param: 'flows', reason: 'mismatch' }]);
    expect(state.flows).toHaveLength(1);
  });

  it('accepts adapter aliases and speeds in several units', () => {
    expect(parse('?adapter=vf').state.adapters).toEqual(['sriov']);
    expect(parse('?adapter=legacy').state.adapters).toEqual(['emulated']);
    expect(parse('?speed=5000').state.speed).toBe(5000);
    expect(parse('?speed=5µs').state.speed).toBe(5000);
    expect(parse('?speed=1ms').state.speed).toBe(1_000_000);
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (k, v) => {
        const q = `?${encodeURIComponent(k)}=${encodeURIComponent(v)}&vms=${encodeURIComponent(v)}&flows=${encodeURIComponent(v)}`;
        expect(() => parse(q)).not.toThrow();
      }),
    );
  });
});

describe('flow notation', () => {
  it('round-trips every preset flow', () => {
    const ids: VmId[] = ['vm1', 'vm2', 'vm3'];
    for (const p of TRAFFIC_PRESETS) {
      for (const f of presetFlows(p, ids)) {
        const r = parseFlowSpec(formatFlowSpec(flowToSpec(f)));
        expect(r).toEqual({ ok: true, flow: flowToSpec(f) });
      }
    }
  });

  it('reads directions from the endpoints', () => {
    expect(parseFlowSpec('ext:vm2:tcp:512:1k')).toEqual({ ok: true, flow: { direction: 'external-to-vm', vm: 'vm2', protocol: 'tcp', packetBytes: 512, ratePps: 1000 } });
    expect(parseFlowSpec('vm1:vm2:icmp:64:2m')).toMatchObject({ ok: true, flow: { direction: 'vm-to-vm', vm: 'vm1', peerVm: 'vm2', ratePps: 2_000_000 } });
    expect(parseFlowSpec('vm1:vm1:udp:64:1')).toMatchObject({ ok: false });
  });
});

describe('URL round trip', () => {
  const adapterArb = fc.constantFrom<AdapterKind>('synthetic', 'emulated', 'sriov');
  const stateArb = fc
    .record({
      vms: fc.integer({ min: 1, max: 64 }),
      vmq: fc.option(fc.boolean(), { nil: null }),
      sriov: fc.option(fc.boolean(), { nil: null }),
      seed: fc.option(fc.integer({ min: 0, max: 4_294_967_295 }), { nil: null }),
      speed: fc.option(fc.constantFrom(...SPEEDS), { nil: null }),
      t: fc.option(fc.integer({ min: 0, max: 10_000_000_000 }), { nil: null }),
      play: fc.option(fc.boolean(), { nil: null }),
      lang: fc.option(fc.constantFrom<'en' | 'ja'>('en', 'ja'), { nil: null }),
      traffic: fc.option(fc.constantFrom(...TRAFFIC_PRESETS), { nil: null }),
      adapterSeed: fc.array(adapterArb, { minLength: 1, maxLength: 64 }),
      perVm: fc.boolean(),
    })
    .map(({ adapterSeed, perVm, vms, ...rest }): UrlState => ({
      ...EMPTY_URL_STATE,
      ...rest,
      vms,
      adapters: perVm && vms > 1 ? Array.from({ length: vms }, (_, i) => adapterSeed[i % adapterSeed.length] as AdapterKind) : [adapterSeed[0] as AdapterKind],
    }));

  it('formatUrlState then parseUrlState gives the same state', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const { state, issues } = parse(`?${formatUrlState(s)}`);
        expect(issues).toEqual([]);
        expect(state).toEqual(s);
      }),
    );
  });

  it('config → URL → config keeps VMs, adapters, switches, traffic and extensions', () => {
    const cases: SimConfig[] = [];
    const a = fakeApi.defaultConfig();
    cases.push(a);
    const b = fakeApi.scenarioConfig('stress', { vms: 16 });
    b.vmq = true;
    b.vms[3]!.adapter = 'emulated';
    cases.push(b);
    const c = fakeApi.defaultConfig();
    c.vms = (['vm1', 'vm2', 'vm3'] as VmId[]).map((id, i) => ({ id, adapter: (['emulated', 'synthetic', 'sriov'] as const)[i]!, vcpus: 2 }));
    c.sriov = true;
    c.flows = [
      { id: 'x', direction: 'external-to-vm', vm: 'vm2', protocol: 'tcp', packetBytes: 777, ratePps: 1234 },
      { id: 'y', direction: 'vm-to-vm', vm: 'vm3', peerVm: 'vm1', protocol: 'icmp', packetBytes: 64, ratePps: 5000 },
    ];
    c.extensions = { capture: true, filter: { enabled: false, dropRules: [] }, forwarding: true };
    cases.push(c);
    const d = fakeApi.defaultConfig();
    d.vms.push({ id: 'vm2', adapter: 'synthetic', vcpus: 2 });
    d.flows = presetFlows('vm-to-vm', ['vm1', 'vm2']);
    cases.push(d);

    for (const [i, config] of cases.entries()) {
      const scenario = i === 1 ? { name: 'stress', packets: 3000 } : null;
      const url = formatUrlState(
        urlStateFromConfig(config, { scenario, seed: 7, speed: 5000, timeNs: 999, playing: false, lang: 'en' }, fakeApi),
      );
      const { state, issues } = parse(`?${url}`);
      expect(issues).toEqual([]);
      const back = configFromUrlState(state, fakeApi);
      expect(back.issues).toEqual([]);
      expect(back.config.vms.map((v) => [v.id, v.adapter])).toEqual(config.vms.map((v) => [v.id, v.adapter]));
      expect([back.config.vmq, back.config.sriov]).toEqual([config.vmq, config.sriov]);
      expect(back.config.flows.map(flowToSpec)).toEqual(config.flows.map(flowToSpec));
      expect(back.config.extensions).toEqual(config.extensions);
      expect([state.seed, state.t, state.play]).toEqual([7, 999, false]);
    }
  });

  it('a scenario link stays short: unchanged traffic is not written', () => {
    const c = fakeApi.scenarioConfig('stress', { vms: 16, packets: 3000 });
    const url = formatUrlState(urlStateFromConfig(c, { scenario: { name: 'stress', packets: 3000 }, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null }, fakeApi));
    expect(url).toBe('scenario=stress&packets=3000&vms=16&adapter=synthetic&vmq=0&sriov=0&seed=1&speed=5us');
  });

  it('vms on a link grows the default traffic to the new VMs', () => {
    const { config } = configFromUrlState(parse('?vms=3').state, fakeApi);
    expect(config.flows.map((f) => f.vm)).toEqual(['vm1', 'vm2', 'vm3']);
    const { config: c2 } = configFromUrlState(parse('?scenario=vf-failover&vms=2').state, fakeApi);
    expect(c2.faults).toHaveLength(1);
  });

  it('an invalid resulting configuration falls back to the base with an issue', () => {
    const api: EngineParseApi = { ...fakeApi, parseConfig: () => ({ ok: false, errors: [{ path: 'nic.vfCount', message: 'too many' }] }) };
    const r = configFromUrlState(parse('?vms=2').state, api);
    expect(r.issues).toMatchObject([{ param: 'config', value: 'nic.vfCount' }]);
    expect(r.config.vms).toHaveLength(1);
  });
});

describe('vRSS, VMMQ and queues in the link (issue 11)', () => {
  it('parses vrss/vmmq switches and queues (one value or one per VM), and writes them back', () => {
    const { state, issues } = parse('?vms=3&vrss=1&vmmq=off&queues=4,2,8');
    expect(issues).toEqual([]);
    expect([state.vrss, state.vmmq, state.queues]).toEqual([true, false, [4, 2, 8]]);
    expect(formatUrlState(state)).toContain('vrss=1&vmmq=0&queues=4,2,8');
    expect(parse('?queues=4').state.queues).toEqual([4]);
  });

  it('reports bad values like the other options and falls back to the defaults', () => {
    expect(parse('?vrss=maybe').issues).toMatchObject([{ param: 'vrss', reason: 'malformed', expected: 'on | off' }]);
    expect(parse('?queues=0').issues).toMatchObject([{ param: 'queues', reason: 'range' }]);
    expect(parse('?queues=17').issues).toMatchObject([{ param: 'queues', reason: 'range' }]);
    expect(parse('?queues=four').issues).toMatchObject([{ param: 'queues', reason: 'malformed' }]);
    const { state, issues } = parse('?vms=2&queues=4,2,8');
    expect(issues).toMatchObject([{ param: 'queues', reason: 'mismatch', expected: '1 or 2 values' }]);
    expect(state.queues).toEqual([4, 2]);
    expect(parse('?queues=0').state.queues).toBeNull();
  });

  it('sets the host switches and each VM’s queues; a link from that configuration reopens it', () => {
    const { config } = configFromUrlState(parse('?vms=2&vrss=1&vmmq=1&queues=4,2').state, fakeApi);
    expect([config.vrss, config.vmmq]).toEqual([true, true]);
    expect(config.vms.map((v) => v.nic?.queues)).toEqual([4, 2]);
    const pos = { scenario: null, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null };
    const url = formatUrlState(urlStateFromConfig(config, pos, fakeApi));
    expect(url).toContain('vrss=1&vmmq=1&queues=4,2');
    const back = configFromUrlState(parse(`?${url}`).state, fakeApi).config;
    expect([back.vrss, back.vmmq, back.vms.map((v) => v.nic?.queues)]).toEqual([true, true, [4, 2]]);
  });

  it('leaves them out of a link when they are the scenario’s', () => {
    const c = fakeApi.defaultConfig();
    const url = formatUrlState(urlStateFromConfig(c, { scenario: null, seed: 1, speed: 5000, timeNs: null, playing: null, lang: null }, fakeApi));
    expect(url).not.toMatch(/vrss|vmmq|queues/);
  });
});
