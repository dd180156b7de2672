/** `--lso`, `--rsc`, `--checksum`, `--mtu` (issue 11): parsing and applying to a scenario. */
import { describe, expect, it } from 'vitest';
import { scenarioConfig } from '../engine';
import { parseArgs, USAGE } from './args';
import { applyOverrides } from './overrides';

describe('offload options', () => {
  it('read one value for every VM or a comma list per VM', () => {
    const r = parseArgs(['--lso', 'on', '--rsc=off,on', '--checksum', '1', '--mtu', '1500,9000']);
    expect(r).toEqual({ ok: true, options: { format: 'summary', help: false, lso: [true], rsc: [false, true], checksum: [true], mtu: [1500, 9000] } });
  });

  it.each([
    [['--lso', 'maybe'], "--lso expects on|off (or 1/0, true/false), got 'maybe'"],
    [['--rsc', 'on,x'], "--rsc expects on|off (or 1/0, true/false), got 'x' (entry 2 of the list)"],
    [['--mtu', '100'], '--mtu must be between 576 and 9000, got 100'],
    [['--mtu', 'jumbo'], "--mtu expects a whole number, got 'jumbo'"],
    [['--checksum'], '--checksum needs a value'],
  ])('rejects %j', (argv, error) => {
    expect(parseArgs(argv)).toEqual({ ok: false, error });
  });

  it('are applied to the scenario’s VMs; a list longer than the VMs is an error', () => {
    const c = scenarioConfig('offloads');
    const r = applyOverrides(c, { lso: [true], mtu: [9000, 1500] });
    expect(r.ok && r.config.vms.map((v) => v.nic)).toEqual([
      { lso: true, mtu: 9000 },
      { lso: true, rsc: true, mtu: 1500 },
    ]);
    expect(applyOverrides(c, { rsc: [true, true, true] })).toEqual({ ok: false, error: '--rsc lists 3 values but the scenario has 2 VMs (use --vms to add VMs)' });
    const e = applyOverrides(scenarioConfig('emulated'), { lso: [true] });
    expect(e.ok && e.notes).toEqual(['vm1: the emulated 21140 has no LSO or RSC; the setting takes effect on the synthetic path only']);
  });

  it('are in --help', () => {
    for (const o of ['--lso <on|off', '--rsc <on|off', '--checksum <on|off', '--mtu <576-9000']) expect(USAGE).toContain(o);
  });
});
