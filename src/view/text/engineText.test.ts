import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_TABLE, createSimulation, scenarioConfig, SCENARIOS, type Simulation, type TraceEvent } from '../../engine';
import { fixedTranslators } from '../../i18n/testing';
import en from '../../i18n/locales/en.json';
import ja from '../../i18n/locales/ja.json';
import { costRowText, isProtocolToken, localizeDetail, localizeDropReason, localizeEventDetail, localizeNote, localizeSourceLine, matchEngineText } from './engineText';

let tEn: TFunction;
let tJa: TFunction;

beforeAll(async () => {
  ({ en: tEn, ja: tJa } = await fixedTranslators());
});

/** Every distinct detail, note and drop reason a run emits. */
interface Emitted {
  details: Set<string>;
  notes: Set<string>;
  drops: Set<string>;
}

function collector(): { out: Emitted; listen: (sim: Simulation) => void } {
  const out: Emitted = { details: new Set(), notes: new Set(), drops: new Set() };
  return {
    out,
    listen: (sim) => {
      sim.subscribe((e: TraceEvent) => {
        (e.kind === 'drop' ? out.drops : out.details).add(e.detail);
        if (e.note) out.notes.add(e.note);
      });
    },
  };
}

/** Each named scenario for a few ms, then one run that toggles everything the UI can change. */
function emittedByEngine(): Emitted {
  const { out, listen } = collector();
  for (const name of Object.keys(SCENARIOS)) {
    const sim = createSimulation(scenarioConfig(name, name === 'stress' ? { vms: 4, packets: 200 } : {}), { seed: 1 });
    listen(sim);
    sim.runUntil(name === 'vf-failover' ? 3_500_000 : 2_000_000);
    sim.dispose();
  }
  const c = scenarioConfig('mixed');
  c.extensions = { capture: true, filter: { enabled: true, dropRules: [{ id: 'r1', protocol: 'udp' }] }, forwarding: true };
  c.nic.vmqQueues = 1;
  c.nic.vfCount = 1;
  c.vms.push({ id: 'vm4', adapter: 'synthetic', vcpus: 1, vlan: 7 }, { id: 'vm5', adapter: 'sriov', vcpus: 1 });
  c.flows.push({ id: 'x', direction: 'external-to-vm', vm: 'vm4', protocol: 'icmp', packetBytes: 1500, ratePps: 10_000 });
  const sim = createSimulation(c, { seed: 2 });
  listen(sim);
  sim.runUntil(1_500_000);
  sim.apply({ kind: 'fault', fault: { kind: 'ring-exhaust', vm: 'vm1', durationNs: 500_000 } });
  sim.apply({ kind: 'fault', fault: { kind: 'link-down' } });
  sim.runUntil(1_800_000);
  sim.apply({ kind: 'fault', fault: { kind: 'link-up' } });
  sim.apply({ kind: 'set-sriov', on: false });
  sim.runUntil(2_500_000);
  sim.apply({ kind: 'set-vmq', on: false });
  sim.apply({ kind: 'set-adapter', vm: 'vm1', adapter: 'emulated' });
  sim.apply({ kind: 'set-adapter', vm: 'vm2', adapter: 'synthetic' });
  sim.runUntil(4_000_000);
  sim.apply({ kind: 'set-sriov', on: true });
  sim.apply({ kind: 'set-adapter', vm: 'vm3', adapter: 'synthetic' });
  sim.apply({ kind: 'remove-vm', vm: 'vm4' });
  sim.apply({ kind: 'add-vm', adapter: 'emulated' });
  sim.runUntil(6_000_000);
  sim.dispose();
  // vRSS/VMMQ (issue 11): software vRSS, then both turned off on the running VM (rescinds).
  const v = scenarioConfig('vrss');
  v.vmmq = false;
  const vs = createSimulation(v, { seed: 1 });
  listen(vs);
  vs.runUntil(2_000_000);
  vs.apply({ kind: 'set-vmmq', on: true });
  vs.runUntil(2_500_000);
  vs.apply({ kind: 'set-vm-nic', vm: 'vm1', settings: { queues: 2 } });
  vs.runUntil(3_000_000);
  vs.apply({ kind: 'set-vrss', on: false });
  vs.apply({ kind: 'set-vmmq', on: false });
  vs.runUntil(3_500_000);
  vs.dispose();
  return out;
}

/** Names that must survive translation: message/register/OID names, citations, hex, placeholders. */
const TOKEN = /§[\d.]+|\b[A-Z][A-Za-z0-9_]*[A-Z0-9_]\b|0x[0-9A-Fa-f]+|\{\{\w+\}\}/g;
const tokens = (s: string) => [...new Set(s.match(TOKEN) ?? [])];

function leaves(o: unknown, prefix = ''): [string, string][] {
  if (typeof o === 'string') return [[prefix, o]];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('engine text seen in every scenario', () => {
  const emitted = emittedByEngine();

  it('collects a realistic set of strings', () => {
    expect(emitted.details.size).toBeGreaterThan(150);
    expect(emitted.notes.size).toBeGreaterThan(100);
    expect(emitted.drops.size).toBeGreaterThan(0);
  });

  const untranslated = (set: Set<string>, section: 'detail' | 'note' | 'drop', alt: ('detail' | 'note' | 'drop')[] = []) =>
    [...set].filter((s) => !isProtocolToken(s) && !matchEngineText(section, s) && !alt.some((a) => matchEngineText(a, s))).sort();

  it('every detail is a protocol name or has a translation', () => {
    expect(untranslated(emitted.details, 'detail', ['drop'])).toEqual([]);
  });

  it('every note is a protocol name or has a translation', () => {
    expect(untranslated(emitted.notes, 'note')).toEqual([]);
  });

  it('every drop reason has a translation', () => {
    expect(untranslated(emitted.drops, 'drop')).toEqual([]);
  });

  it('English renders each string exactly as the engine emitted it', () => {
    for (const s of emitted.details) expect(localizeDetail(s, tEn)).toBe(s);
    for (const s of emitted.notes) expect(localizeNote(s, tEn)).toBe(s);
    for (const s of emitted.drops) expect(localizeDropReason(s, tEn)).toBe(s);
  });

  it('Japanese never shows a raw key and keeps protocol names', () => {
    const all = [
      ...[...emitted.details].map((s) => [s, localizeDetail(s, tJa)]),
      ...[...emitted.notes].map((s) => [s, localizeNote(s, tJa)]),
      ...[...emitted.drops].map((s) => [s, localizeDropReason(s, tJa)]),
    ] as [string, string][];
    for (const [src, out] of all) {
      expect(out).not.toMatch(/engineText\./);
      expect(out).not.toMatch(/\{\{/);
      for (const tok of tokens(src)) expect(out, `${src} → ${out}`).toContain(tok);
    }
  });

  it('Japanese translates the prose', () => {
    const prose = [...emitted.details, ...emitted.notes].filter((s) => /\b[a-z]{4,}\b/.test(s) && !isProtocolToken(s));
    const same = prose.filter((s) => localizeDetail(s, tJa) === s && localizeNote(s, tJa) === s);
    // Field lists such as `section_size 6144` or flag names may stay as they are.
    expect(same.filter((s) => !/^[a-z_]+ [\w.]+$|^directed \|/.test(s))).toEqual([]);
  });
});

describe('localize functions', () => {
  it('keeps protocol tokens verbatim and translates prose around them', () => {
    for (const s of ['OPENCHANNEL', 'NVSP_INIT', 'RNDIS_QUERY:OID_GEN_LINK_SPEED', 'HvCallSignalEvent', 'WRMSR SIMP (0x40000083)', 'OID_SWITCH_PORT_CREATE', 'NVSP_MSG1_SEND_RNDIS_PKT_COMPLETE (108)']) {
      expect(isProtocolToken(s)).toBe(true);
      expect(localizeDetail(s, tJa)).toBe(s);
    }
    expect(localizeDetail('VMWP emulates: CSR0 write (bus mode: software reset)', tJa)).toBe('VMWP がエミュレート: CSR0 書き込み (バス モード: ソフトウェア リセット)');
    expect(localizeDetail('channel callback: NetVSP starts draining', tJa)).toContain('NetVSP');
    expect(localizeDetail('channel callback: NetVSP starts draining', tJa)).toContain('チャネル コールバック');
    expect(localizeDetail('PCI_BUS_D0ENTRY completion', tJa)).toBe('PCI_BUS_D0ENTRY の完了');
    expect(localizeNote('HvCallPostMessage (0x005C); relid 2', tJa)).toBe('HvCallPostMessage (0x005C)、relid 2');
    expect(localizeNote('completes: CSR1 write (transmit poll demand)', tJa)).toBe('完了: CSR1 書き込み (送信ポーリング要求)');
    expect(localizeNote('00:15:5d:00:00:03 → PF default VPort (host SR-IOV off); synthetic path live', tJa)).toBe(
      '00:15:5d:00:00:03 → PF の既定 VPort (ホストの SR-IOV がオフ)。合成パスが有効',
    );
  });

  it('translates the ring flow-control texts (issue 11, D4), which only long overloads emit', () => {
    expect(localizeDetail('netif_tx_stop_queue', tJa)).toBe('netif_tx_stop_queue');
    expect(localizeDetail('NetVSP resumes writing the in ring', tJa)).toBe('NetVSP が in リングへの書き込みを再開');
    expect(localizeNote('NetVSC stops its send queue: less than 10 % of the out ring free (Linux netvsc.c; Windows unverified)', tJa)).toContain('10 % 未満');
    expect(localizeNote('send completions read: more than 20 % of the out ring free, NetVSC wakes its send queue (Linux netvsc.c; Windows unverified)', tJa)).toContain('20 %');
    expect(localizeNote('reader freed pending_send_sz: signal the blocked host writer (hv_pkt_iter_close)', tJa)).toContain('hv_pkt_iter_close');
    expect(localizeNote('guest send queue full while NetVSC’s queue is stopped (txqueuelen)', tJa)).toContain('txqueuelen');
    expect(localizeNote('MTU 9014, capabilities (no reply); jumbo frames need the vNIC, switch and NIC set to allow them (assumed)', tJa)).toContain('ジャンボ');
    expect(localizeNote('NetVSP’s queue of receives waiting for the in ring is full (1024; host queue limit is a model estimate)', tJa)).toContain('1024');
  });

  it('prefers the most specific template', () => {
    expect(localizeNote('queue 3, interrupt affinity LP 4', tJa)).toBe('キュー 3、割り込みアフィニティ LP 4');
    expect(localizeNote('queue 3', tJa)).toBe('キュー 3');
    expect(localizeNote('NdisReceiveFilterTypeVMQueue: dest MAC 00:15:5d:00:00:02, VLAN 7 → queue 2', tJa)).toContain('VLAN 7');
  });

  it('falls back to the original text for unknown strings', () => {
    expect(localizeDetail('something new from the engine', tJa)).toBe('something new from the engine');
    expect(localizeNote('another new note', tJa)).toBe('another new note');
    expect(localizeDropReason('new-reason', tJa)).toBe('new-reason');
    expect(localizeNote(undefined, tJa)).toBe('');
    expect(localizeDetail('', tJa)).toBe('');
  });

  it('reads drop details as drop reasons and keeps the code', () => {
    expect(localizeDropReason('ring-full', tJa)).toBe('リングが満杯 (ring-full)');
    expect(localizeEventDetail({ kind: 'drop', detail: 'link-down' }, tJa)).toContain('link-down');
    expect(localizeEventDetail({ kind: 'fault', detail: 'vf-remove' }, tJa)).toContain('VF');
  });
});

describe('cost rows', () => {
  it('engine.en.json matches the cost table word for word', () => {
    const ref = en.engineText.cost as Record<string, { title: string; source: string; note?: string }>;
    for (const r of COST_TABLE) {
      expect(ref[r.id], r.id).toEqual({ title: r.hop, source: r.source, ...(r.note ? { note: r.note } : {}) });
    }
    expect(Object.keys(ref).sort()).toEqual(COST_TABLE.map((r) => r.id).sort());
  });

  it('Japanese translates titles, sources and notes and keeps the citations', () => {
    for (const r of COST_TABLE) {
      const x = costRowText(r, tJa);
      expect(x.title).not.toBe(r.hop);
      expect(x.source).not.toBe(r.source);
      if (r.note) expect(x.note).not.toBe(r.note);
      for (const tok of tokens(r.source)) expect(x.source, r.id).toContain(tok);
      for (const tok of tokens(r.hop)) expect(x.title, r.id).toContain(tok);
    }
  });

  it('English is the row itself; an edited row falls back to its English text', () => {
    const r = COST_TABLE[0]!;
    expect(costRowText(r, tEn)).toMatchObject({ title: r.hop, source: r.source });
    const edited = { ...r, hop: 'Edited title' };
    expect(costRowText(edited, tJa).title).toBe('Edited title');
    expect(costRowText(edited, tJa).source).not.toBe(r.source);
    expect(localizeSourceLine({ id: 'H3', hop: 'x', source: 'y' }, tJa).hop).toContain('VMBus');
  });
});

describe('engine.*.json', () => {
  it('has the same keys in both languages and keeps every placeholder and protocol name', () => {
    const e = Object.fromEntries(leaves(en));
    const j = Object.fromEntries(leaves(ja));
    expect(Object.keys(j).sort()).toEqual(Object.keys(e).sort());
    for (const [k, v] of Object.entries(e)) for (const tok of tokens(v)) expect(j[k], k).toContain(tok);
  });
});
