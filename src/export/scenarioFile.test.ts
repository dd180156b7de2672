import { describe, expect, it } from 'vitest';
import { makeScenario, parseScenarioFile, scenarioFileName, serializeScenario } from './scenarioFile';
import { fakeValidator, sampleConfig } from './fixtures';
import { engineConfigValidator } from './engineConfig';

const good = () =>
  makeScenario({ name: 'VMQ demo', seed: 42, config: sampleConfig(), changes: [{ atNs: 1000, change: { kind: 'set-vmq', on: false } }], atNs: 2500.4, lesson: { lessonId: 'vmq', step: 2 }, savedAt: new Date('2026-11-25T12:00:00Z') });

describe('scenario files', () => {
  it('round-trips a scenario exactly', () => {
    const s = good();
    const text = serializeScenario(s);
    const r = parseScenarioFile(text, engineConfigValidator);
    expect(r).toEqual({ ok: true, scenario: s });
    expect(s.atNs).toBe(2500);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('loads a version 1 file (written before vRSS, offloads and port policy) and saves it as version 2', () => {
    const v1 = { ...JSON.parse(serializeScenario(good())), schemaVersion: 1 };
    const r = parseScenarioFile(JSON.stringify(v1), engineConfigValidator);
    expect(r.ok && r.scenario.schemaVersion).toBe(2);
    expect(r.ok && r.scenario.config).toEqual(sampleConfig());
  });

  it('carries the version 2 fields: host vRSS/VMMQ, a VM’s port settings and their changes', () => {
    const config = { ...sampleConfig(), vrss: true, vmmq: true };
    config.vms[0] = { ...config.vms[0]!, nic: { queues: 4, lso: true, vlanMode: 'trunk', trunkVlans: [5], acl: [{ direction: 'inbound', action: 'deny', protocol: 'udp' }], maxMbps: 100, mirror: 'source' } };
    const s = makeScenario({ name: 'v2', seed: 1, config, changes: [{ atNs: 5, change: { kind: 'set-vm-nic', vm: 'vm1', settings: { rsc: true } } }, { atNs: 6, change: { kind: 'set-vrss', on: false } }], savedAt: new Date(0) });
    expect(parseScenarioFile(serializeScenario(s), engineConfigValidator)).toEqual({ ok: true, scenario: s });
    const bad = JSON.parse(serializeScenario(s));
    bad.config.vms[0].nic.queues = 40;
    bad.config.vms[0].nic.vlanMode = 'access';
    const r = parseScenarioFile(JSON.stringify(bad), engineConfigValidator);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['config.vms[0].nic.queues']));
  });

  it('accepts a byte-order mark and optional fields left out', () => {
    const s = makeScenario({ name: 'x', seed: 0, config: sampleConfig(), savedAt: new Date(0) });
    const r = parseScenarioFile('\ufeff' + JSON.stringify(s), fakeValidator);
    expect(r.ok).toBe(true);
  });

  it('reports every problem with its path in the file', () => {
    const s = JSON.parse(serializeScenario(good()));
    s.seed = -1;
    s.name = '';
    s.extra = true;
    s.config.vms[2].adapter = 'virtio';
    s.config.vms[1].vcpus = 1.5;
    s.config.nic.linkGbps = 3;
    s.config.flows[0].vm = 'VM-1';
    delete s.config.logicalProcessors;
    s.changes[0].change.kind = 'set-turbo';
    s.lesson.step = 'two';
    const r = parseScenarioFile(JSON.stringify(s), engineConfigValidator);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['(file)', 'changes[0].change.kind', 'config.flows[0].vm', 'config.logicalProcessors', 'config.nic.linkGbps', 'config.vms[1].vcpus', 'config.vms[2].adapter', 'lesson.step', 'name', 'seed'].sort(),
    );
    expect(byPath['seed']).toMatchObject({ key: 'scenarios.problem.tooSmall', params: { min: '0', found: '-1' } });
    expect(byPath['(file)']).toMatchObject({ key: 'scenarios.problem.unknownKeys', params: { keys: 'extra' } });
    expect(byPath['config.vms[2].adapter']).toMatchObject({ key: 'scenarios.problem.oneOf', params: { found: '"virtio"' } });
    expect(byPath['config.vms[1].vcpus']).toMatchObject({ key: 'scenarios.problem.notInteger', params: { found: '1.5' } });
    expect(byPath['config.flows[0].vm']).toMatchObject({ key: 'scenarios.problem.vmId', params: { found: '"VM-1"' } });
    expect(byPath['config.logicalProcessors']).toMatchObject({ key: 'scenarios.problem.missing' });
    expect(byPath['changes[0].change.kind']).toMatchObject({ key: 'scenarios.problem.oneOf' });
    expect(byPath['lesson.step']).toMatchObject({ key: 'scenarios.problem.type', params: { expected: 'number', found: 'string' } });
  });

  it("translates the engine's cross-field rules, each with its path", () => {
    const s = JSON.parse(serializeScenario(good()));
    s.config.vms[1].id = 'vm7';
    s.config.flows.push({ id: 'f1', direction: 'vm-to-vm', vm: 'vm1', protocol: 'icmp', packetBytes: 64, ratePps: 10 });
    s.config.faults.push({ atNs: 0, kind: 'ring-exhaust' });
    s.config.nic.linkGbps = 3;
    s.changes.push({ atNs: 2000, change: { kind: 'set-adapter', vm: 'vm9', adapter: 'sriov' } });
    const r = parseScenarioFile(JSON.stringify(s), engineConfigValidator);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.key, p.params])).toEqual([
      ['config.nic.linkGbps', 'scenarios.problem.oneOf', { allowed: '0.1, 1, 10, 25, 40, 100', found: '3' }],
      ['config.vms[1].id', 'scenarios.problem.vmOrder', { expected: 'vm2' }],
      ['config.flows[1].peerVm', 'scenarios.problem.needsPeer', {}],
      ['config.flows[1].id', 'scenarios.problem.duplicateId', { id: 'f1' }],
      ['config.faults[1].vm', 'scenarios.problem.needsVm', { kind: 'ring-exhaust' }],
    ]);
    // With the configuration fixed, a change naming a VM that does not exist is reported.
    const fixed = JSON.parse(serializeScenario(good()));
    fixed.changes.push({ atNs: 2000, change: { kind: 'set-adapter', vm: 'vm9', adapter: 'sriov' } }, { atNs: 3000, change: { kind: 'add-vm', adapter: 'sriov' } }, { atNs: 4000, change: { kind: 'remove-vm', vm: 'vm4' } });
    const r2 = parseScenarioFile(JSON.stringify(fixed), engineConfigValidator);
    expect(r2).toEqual({ ok: false, problems: [{ path: 'changes[1].change.vm', key: 'scenarios.problem.unknownVm', params: { vm: 'vm9' } }] });
  });

  it("reports an injected validator's rule with the config prefix", () => {
    const s = JSON.parse(serializeScenario(good()));
    s.config.vms[1].id = 'vm7';
    const r = parseScenarioFile(JSON.stringify(s), fakeValidator);
    expect(r).toEqual({ ok: false, problems: [{ path: 'config.vms[1].id', key: 'scenarios.problem.rule', params: { detail: 'expected vm2' } }] });
  });

  it('gives one clear problem for bad JSON, a non-object, or another schema version', () => {
    const one = (text: string) => {
      const r = parseScenarioFile(text, engineConfigValidator);
      if (r.ok) throw new Error('expected failure');
      expect(r.problems).toHaveLength(1);
      return r.problems[0]!;
    };
    expect(one('{"schemaVersion": 1,')).toMatchObject({ path: '(file)', key: 'scenarios.problem.json' });
    expect(one('[]')).toMatchObject({ key: 'scenarios.problem.notObject', params: { found: 'array' } });
    expect(one('null')).toMatchObject({ key: 'scenarios.problem.notObject', params: { found: 'null' } });
    expect(one('{}')).toMatchObject({ path: 'schemaVersion', key: 'scenarios.problem.noVersion' });
    expect(one('{"schemaVersion": 3}')).toMatchObject({ key: 'scenarios.problem.newerVersion', params: { found: '3', supported: 2 } });
    expect(one('{"schemaVersion": "1"}')).toMatchObject({ key: 'scenarios.problem.badVersion', params: { found: '"1"' } });
    expect(one('x'.repeat(6 * 1024 * 1024))).toMatchObject({ key: 'scenarios.problem.tooLarge' });
  });

  it('rejects changes out of time order', () => {
    const s = JSON.parse(serializeScenario(good()));
    s.changes = [{ atNs: 5, change: { kind: 'set-vmq', on: true } }, { atNs: 4, change: { kind: 'set-vmq', on: false } }];
    const r = parseScenarioFile(JSON.stringify(s), fakeValidator);
    expect(r).toMatchObject({ ok: false, problems: [{ path: 'changes[1].atNs', key: 'scenarios.problem.changesOrder' }] });
  });

  it('never throws, even when the validator does', () => {
    const r = parseScenarioFile(serializeScenario(good()), () => {
      throw new Error('boom');
    });
    expect(r).toMatchObject({ ok: false, problems: [{ key: 'scenarios.problem.rule', params: { detail: 'boom' } }] });
  });

  it('makes safe file names', () => {
    expect(scenarioFileName('VMQ demo!')).toBe('vmq-demo.json');
    expect(scenarioFileName('../../etc/passwd')).toBe('etc-passwd.json');
    expect(scenarioFileName('仮想スイッチ')).toBe('scenario.json');
  });
});
