import { describe, expect, it } from 'vitest';
import { MAX_SEED, parseArgs, USAGE } from './args';

const ok = (argv: string[]) => {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.options;
};
const err = (argv: string[]) => {
  const r = parseArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(' ')}`);
  return r.error;
};

describe('parseArgs: good input', () => {
  it('defaults to a summary of the default configuration', () => {
    expect(ok([])).toEqual({ format: 'summary', help: false });
  });

  it('reads every option in --name value form', () => {
    expect(
      ok(['--scenario', 'vmq', '--vms', '4', '--adapter', 'sriov', '--vmq', 'on', '--sriov', 'off', '--duration-us', '250', '--seed', '42', '--format', 'jsonl']),
    ).toEqual({ scenario: 'vmq', vms: 4, adapters: ['sriov'], vmq: true, sriov: false, durationUs: 250, seed: 42, format: 'jsonl', help: false });
  });

  it('reads --name=value', () => {
    expect(ok(['--vms=2', '--seed=0', '--scenario=./my scenario.json'])).toMatchObject({ vms: 2, seed: 0, scenario: './my scenario.json' });
  });

  it('accepts on/off, 1/0 and true/false for the switches, in any case', () => {
    for (const [word, value] of [['on', true], ['OFF', false], ['1', true], ['0', false], ['true', true], ['False', false]] as const) {
      expect(ok(['--vmq', word]).vmq).toBe(value);
      expect(ok(['--sriov', word]).sriov).toBe(value);
    }
  });

  it('reads a comma list of adapters, one per VM', () => {
    expect(ok(['--vms', '3', '--adapter', 'synthetic, emulated,SRIOV']).adapters).toEqual(['synthetic', 'emulated', 'sriov']);
  });

  it('keeps the last value of a repeated option', () => {
    expect(ok(['--seed', '1', '--seed', '2']).seed).toBe(2);
  });

  it('accepts the range ends', () => {
    expect(ok(['--vms', '1']).vms).toBe(1);
    expect(ok(['--vms', '64']).vms).toBe(64);
    expect(ok(['--seed', String(MAX_SEED)]).seed).toBe(MAX_SEED);
  });

  it('recognises --help and -h', () => {
    expect(ok(['--help']).help).toBe(true);
    expect(ok(['--vms', '2', '-h']).help).toBe(true);
    expect(USAGE).toContain('--duration-us');
  });
});

describe('parseArgs: bad input', () => {
  it.each([
    [['--bogus'], /unknown option '--bogus'/],
    [['--vms'], /--vms needs a value/],
    [['--vms', '--seed', '1'], /--vms needs a value/],
    [['--vms='], /--vms needs a value/],
    [['--vms', '0'], /--vms must be between 1 and 64, got 0/],
    [['--vms', '65'], /--vms must be between 1 and 64/],
    [['--vms', '2.5'], /--vms expects a whole number, got '2.5'/],
    [['--vms', 'four'], /--vms expects a whole number/],
    [['--seed', '-1'], /--seed expects a whole number, got '-1'/],
    [['--seed', '4294967296'], /--seed must be between 0 and 4294967295/],
    [['--duration-us', '0'], /--duration-us must be between 1 and/],
    [['--duration-us', '1e3'], /--duration-us expects a whole number/],
    [['--vmq', 'yes'], /--vmq expects on\|off/],
    [['--sriov', ''], /--sriov needs a value/],
    [['--adapter', 'virtio'], /--adapter expects synthetic\|emulated\|sriov.*'virtio'/],
    [['--adapter', 'synthetic,,sriov'], /entry 2 of the list/],
    [['--format', 'csv'], /--format expects jsonl\|summary\|pcapng\|powershell, got 'csv'/],
    [['--capture', 'wire'], /--capture needs --format pcapng/],
    [['--format', 'pcapng', '--capture', 'lan'], /--capture expects wire, port:external or port:vmN, got 'lan'/],
    [['--format', 'pcapng', '--capture', 'wire', '--capture', 'wire'], /--capture wire is given twice/],
    [['--vms', '2', '--adapter', 'synthetic,emulated,sriov'], /--adapter lists 3 adapters but --vms is 2/],
    [['synthetic'], /unexpected argument 'synthetic'/],
    [['-v'], /unexpected argument '-v'/],
  ])('%j → %s', (argv, message) => {
    const e = err(argv);
    expect(e).toMatch(message);
    expect(e).not.toContain('\n');
  });

  it('--capture repeats, keeping the order given', () => {
    expect(ok(['--format', 'pcapng', '--capture', 'port:vm2', '--capture=wire', '--capture', 'port:external'])).toEqual({ format: 'pcapng', captures: ['port:vm2', 'wire', 'port:external'], help: false });
  });

  it('rejects an adapter list longer than any host can have', () => {
    expect(err(['--adapter', Array(65).fill('synthetic').join(',')])).toMatch(/at most 64/);
  });
});

describe('parseArgs: vRSS, VMMQ and queues (issue 11)', () => {
  it('reads --vrss, --vmmq and --queues', () => {
    const r = parseArgs(['--vrss', 'on', '--vmmq=off', '--queues', '4,2']);
    expect(r).toMatchObject({ ok: true, options: { vrss: true, vmmq: false, queues: [4, 2] } });
  });

  it('rejects bad values with a clear message', () => {
    expect(parseArgs(['--vrss', 'maybe'])).toEqual({ ok: false, error: "--vrss expects on|off (or 1/0, true/false), got 'maybe'" });
    expect(parseArgs(['--queues', '17'])).toEqual({ ok: false, error: '--queues must be between 1 and 16, got 17' });
    expect(parseArgs(['--queues', '2,x'])).toEqual({ ok: false, error: "--queues expects a whole number 1-16 or a comma list of them, got 'x' (entry 2 of the list)" });
    expect(parseArgs(['--vms', '1', '--queues', '2,2'])).toEqual({ ok: false, error: '--queues lists 2 values but --vms is 1' });
  });

  it('documents them in --help', () => {
    for (const o of ['--vrss', '--vmmq', '--queues']) expect(USAGE).toContain(o);
  });
});

describe('parseArgs: port policy (issue 11)', () => {
  it('reads --vlan, --acl, --limit-mbps, --mirror', () => {
    expect(ok(['--vlan', 'access:10,trunk:10.20', '--acl=in.deny.udp.53/out.allow', '--limit-mbps', '500', '--mirror', 'source,destination']).portPolicy).toEqual({
      vlan: 'access:10,trunk:10.20',
      acl: 'in.deny.udp.53/out.allow',
      'limit-mbps': '500',
      mirror: 'source,destination',
    });
  });
  it('says what is wrong and which entry', () => {
    expect(err(['--vlan', 'trunk'])).toMatch(/^--vlan expects access\[:ID\] or trunk:ID\.ID… .*got 'trunk'$/);
    expect(err(['--mirror', 'source,sink'])).toMatch(/got 'sink' \(entry 2 of the list\)$/);
    expect(err(['--acl', 'in.deny.sctp'])).toMatch(/^--acl expects rules joined by \//);
    expect(err(['--limit-mbps', '-5'])).toMatch(/^--limit-mbps expects 0–100000/);
  });
  it('documents them in --help', () => {
    for (const o of ['--vlan', '--acl', '--limit-mbps', '--mirror']) expect(USAGE).toContain(o);
  });
});
