import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine';
import { describeErrors, formatPath, resolveScenario, scenarioFromJson, scenarioNames } from './scenario';

const files = (map: Record<string, string>) => ({
  readText(path: string): string {
    const text = map[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  },
});
const noFiles = files({});

describe('formatPath / describeErrors', () => {
  it('writes segment arrays and dotted strings alike, with a prefix', () => {
    expect(formatPath(['vms', 0, 'adapter'])).toBe('vms[0].adapter');
    expect(formatPath(['vms', 0, 'adapter'], 'config')).toBe('config.vms[0].adapter');
    expect(formatPath('nic.vfCount', 'config')).toBe('config.nic.vfCount');
    expect(formatPath('[2]', 'config')).toBe('config[2]');
    expect(formatPath([], 'config')).toBe('config');
    expect(formatPath([])).toBe('(root)');
  });

  it('names the first problem and counts the rest', () => {
    expect(describeErrors([{ path: ['vmq'], message: 'expected a boolean' }])).toBe('vmq: expected a boolean');
    expect(
      describeErrors([
        { path: 'vmq', message: 'expected a boolean' },
        { path: 'sriov', message: 'x' },
        { path: 'nic', message: 'y' },
      ]),
    ).toBe('vmq: expected a boolean (and 2 more problems)');
  });
});

describe('resolveScenario', () => {
  it('without --scenario uses the default configuration', () => {
    const r = resolveScenario(undefined, {}, noFiles);
    expect(r.ok && r.scenario.label).toBe('default');
    expect(r.ok && r.scenario.config).toEqual(defaultConfig());
  });

  it('knows the named scenarios of the issue', () => {
    const names = scenarioNames();
    for (const n of ['synthetic', 'emulated', 'stress']) expect(names).toContain(n);
    const r = resolveScenario('synthetic', {}, noFiles);
    expect(r.ok && r.scenario.label).toBe('synthetic');
  });

  it('sizes the stress scenario with --vms itself', () => {
    const r = resolveScenario('stress', { vms: 5 }, noFiles);
    expect(r.ok && r.scenario.config.vms.length).toBe(5);
  });

  it('rejects an unknown name, listing the known ones', () => {
    const r = resolveScenario('warp-drive', {}, noFiles);
    expect(!r.ok && r.error).toMatch(/^unknown scenario 'warp-drive' \(known: .*synthetic.*\)/);
  });

  it('reads a bare configuration file', () => {
    const r = resolveScenario('a.json', {}, files({ 'a.json': JSON.stringify(defaultConfig()) }));
    expect(r.ok && r.scenario).toMatchObject({ label: 'a.json', seed: undefined, durationNs: undefined });
  });

  it('reads { config, seed, durationUs }', () => {
    const r = resolveScenario('dir/b.json', {}, files({ 'dir/b.json': JSON.stringify({ config: defaultConfig(), seed: 9, durationUs: 50 }) }));
    expect(r.ok && r.scenario).toMatchObject({ seed: 9, durationNs: 50_000 });
  });

  it('reports unreadable, non-JSON and invalid files with the field path', () => {
    expect(resolveScenario('gone.json', {}, noFiles)).toEqual({ ok: false, error: "cannot read scenario file 'gone.json': no such file" });
    const notJson = resolveScenario('n.json', {}, files({ 'n.json': '{ "vms": ' }));
    expect(!notJson.ok && notJson.error).toMatch(/^scenario file 'n.json' is not valid JSON: /);
    const bad = { ...defaultConfig(), vms: [{ id: 'vm1', adapter: 'token-ring', vcpus: 1 }] };
    const r = resolveScenario('c.json', {}, files({ 'c.json': JSON.stringify({ config: bad }) }));
    expect(!r.ok && r.error).toMatch(/^scenario file 'c.json' is invalid: config\.vms\[0\]\.adapter: /);
    const bare = resolveScenario('d.json', {}, files({ 'd.json': JSON.stringify(bad) }));
    expect(!bare.ok && bare.error).toMatch(/is invalid: vms\[0\]\.adapter: /);
  });

  it('checks the wrapper’s seed and durationUs', () => {
    expect(scenarioFromJson({ config: defaultConfig(), seed: -1 }, 'f')).toEqual({ ok: false, error: "scenario file 'f' is invalid: seed: expected a whole number 0…4294967295" });
    expect(scenarioFromJson({ config: defaultConfig(), durationUs: 0 }, 'f')).toMatchObject({ ok: false });
  });
});
