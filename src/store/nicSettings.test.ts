import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatNicSettings } from './nicSettings';
import { parseNicSettings } from './nicSettingsParse';
import type { VmNicSettings } from '../engine/types';

describe('a vNIC’s port settings as text', () => {
  it('round-trips every field', () => {
    const s: VmNicSettings = {
      vrss: true, vmmq: false, queues: 8, lso: true, rsc: false, checksum: true, mtu: 9000,
      vlanMode: 'trunk', trunkVlans: [10, 4094], maxMbps: 250, mirror: 'source',
      acl: [{ direction: 'both', action: 'allow', protocol: 'tcp', remotePort: 443 }, { direction: 'outbound', action: 'deny' }],
    };
    const text = formatNicSettings(s);
    expect(text).toBe('vrss=1+vmmq=0+queues=8+lso=1+rsc=0+csum=1+mtu=9000+vlan=trunk.10.4094+acl=both.allow.tcp.443/out.deny+limit=250+mirror=source');
    expect(parseNicSettings(text)).toEqual({ ok: true, settings: s });
  });

  it('names the token that is wrong, and checks ranges with the engine’s schema', () => {
    expect(parseNicSettings('lso=2')).toEqual({ ok: false, problem: 'lso=2' });
    expect(parseNicSettings('turbo=1')).toEqual({ ok: false, problem: 'turbo=1' });
    expect(parseNicSettings('queues=99')).toEqual({ ok: false, problem: 'queues' });
    expect(parseNicSettings('mtu=100')).toEqual({ ok: false, problem: 'mtu' });
    expect(parseNicSettings('acl=sideways.deny')).toEqual({ ok: false, problem: 'acl=sideways.deny' });
    expect(parseNicSettings('vlan=trunk')).toEqual({ ok: false, problem: 'vlan=trunk' });
    expect(parseNicSettings('')).toMatchObject({ ok: false });
  });

  it('any text either parses or is refused, never throws; what parses formats back to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const r = parseNicSettings(text);
        if (r.ok) expect(parseNicSettings(formatNicSettings(r.settings))).toEqual(r);
      }),
    );
  });
});
