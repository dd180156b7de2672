import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../engine';
import type { ConfigChange } from '../engine/types';
import { formatChangeList } from './changeList';
import { parseChangeList } from './changeListParse';
import { presetFlows } from './traffic';

const at = (atNs: number, change: ConfigChange) => ({ atNs, change });

describe('the change list in a link', () => {
  const config = defaultConfig();

  it('round-trips every kind of change, in order, with its time', () => {
    const changes = [
      at(425_130, { kind: 'set-sriov', on: false }),
      at(512_000, { kind: 'set-vmq', on: false }),
      at(600_000, { kind: 'set-adapter', vm: 'vm2', adapter: 'sriov' }),
      at(600_000, { kind: 'add-vm', adapter: 'synthetic' }),
      at(700_000, { kind: 'remove-vm', vm: 'vm1' }),
      at(710_000, { kind: 'set-flows', flows: presetFlows('udp-in', ['vm2', 'vm3', 'vm4']) }),
      at(720_000, { kind: 'set-flows', flows: [{ id: 'f1', direction: 'vm-to-vm', vm: 'vm2', peerVm: 'vm4', protocol: 'icmp', packetBytes: 64, ratePps: 5000 }] }),
      at(730_000, { kind: 'set-extensions', extensions: { capture: true, filter: { enabled: true, dropRules: [] }, forwarding: false } }),
      at(740_000, { kind: 'fault', fault: { kind: 'link-down' } }),
      at(741_000, { kind: 'fault', fault: { kind: 'ring-exhaust', vm: 'vm2', durationNs: 1_000_000 } }),
      at(742_000, { kind: 'fault', fault: { kind: 'vf-remove', vm: 'vm3' } }),
      at(750_000, { kind: 'set-vrss', on: true }),
      at(750_000, { kind: 'set-vmmq', on: false }),
      at(760_000, { kind: 'set-vm-nic', vm: 'vm2', settings: { lso: true, queues: 4, vlanMode: 'trunk', trunkVlans: [10, 20], acl: [{ direction: 'inbound', action: 'deny', protocol: 'udp', remotePort: 53 }], maxMbps: 500 } }),
    ] as const;
    const text = formatChangeList(config, [...changes]);
    expect(text).toBe(
      '425130:sriov:0,512000:vmq:0,600000:ad:vm2:sriov,600000:add:synthetic,700000:rm:vm1,710000:f:udp-in,720000:f:vm2:vm4:icmp:64:5k,730000:x:capture.filter,740000:fault:link-down,741000:fault:ring-exhaust:vm2:1000000,742000:fault:vf-remove:vm3,750000:vrss:1,750000:vmmq:0,760000:nic:vm2:queues=4+lso=1+vlan=trunk.10.20+acl=in.deny.udp.53+limit=500',
    );
    expect(parseChangeList(text as string, config, 1e9)).toEqual({ changes, issues: [] });
  });

  it('a new VM takes the number after the highest ever used, as the engine does', () => {
    const r = parseChangeList('1:rm:vm3,2:add:sriov,3:ad:vm4:emulated', config, 1e9);
    expect(r.issues).toEqual([]);
    expect(r.changes.at(-1)?.change).toEqual({ kind: 'set-adapter', vm: 'vm4', adapter: 'emulated' });
  });

  it('reports a bad token and keeps the changes before it', () => {
    expect(parseChangeList('10:vmq:0,5:sriov:1', config, 1e9)).toMatchObject({ changes: [{ atNs: 10 }], issues: [{ value: '5:sriov:1', reason: 'range' }] });
    expect(parseChangeList('10:ad:vm9:sriov', config, 1e9)).toMatchObject({ changes: [], issues: [{ reason: 'mismatch' }] });
    expect(parseChangeList('x:vmq:1', config, 1e9).issues[0]?.reason).toBe('malformed');
    expect(parseChangeList('10:warp:9', config, 1e9).issues[0]?.reason).toBe('malformed');
    expect(parseChangeList('10:vmq:1', config, 5).issues[0]?.reason).toBe('range');
  });

  it('refuses to write what a link cannot carry exactly', () => {
    const rules = { capture: false, filter: { enabled: true, dropRules: [{ id: 'r1', protocol: 'udp' as const }] }, forwarding: false };
    expect(formatChangeList(config, [at(1, { kind: 'set-extensions', extensions: rules })])).toBeNull();
  });
});
