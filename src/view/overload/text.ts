/** Sentences of the overload note and flow table, in numbers (every rate says it counts frames). */
import type { Bottleneck, FlowRate } from '../../analysis/overload';
import { lpRanges } from '../../analysis/overload';
import { localizeDropReason } from '../text/engineText';
import { fmtBps, fmtNumber, fmtPercent } from '../metrics/units';

type T = (k: string, o?: Record<string, unknown>) => string;

const DROP_KEY: Record<string, string> = {
  'ring-full': 'ringFull',
  'legacy-rx-overrun': 'legacyRxOverrun',
  'tx-queue-full': 'txQueueFull',
  'nic-queue-full': 'nicQueueFull',
  'vf-queue-full': 'vfQueueFull',
};

/** One line for one bottleneck (LPs are folded by `bottleneckLines`). */
export function bottleneckLine(b: Bottleneck, t: T, lang: string): string {
  switch (b.kind) {
    case 'wire':
      return t(`overload.wire.${b.direction ?? 'rx'}`, { offered: fmtBps(b.offeredBps ?? 0, lang), link: fmtBps(b.capacityBps ?? 0, lang), times: fmtNumber(b.utilisation, lang, 1) });
    case 'emulated-nic':
      return t(`overload.emulated.${b.direction ?? 'rx'}`, { vm: b.vm, offered: fmtBps(b.offeredBps ?? 0, lang), link: fmtBps(b.capacityBps ?? 0, lang), times: fmtNumber(b.utilisation, lang, 1) });
    case 'lp': {
      const p = b.byPartition ?? { root: 0, hv: 0, guest: 0 };
      const base = t('overload.lp', { lp: b.lp, util: fmtPercent(b.utilisation, lang), root: fmtPercent(p.root, lang), hv: fmtPercent(p.hv, lang), guest: fmtPercent(p.guest, lang) });
      const vms = b.rxVms ?? [];
      return vms.length > 1 ? `${base} ${t('overload.lpRx', { vms: vms.join(', '), n: vms.length })}` : base;
    }
    case 'ring':
    case 'queue': {
      const key = DROP_KEY[b.reason ?? ''] ?? 'other';
      const queue = b.queue ? t('overload.queueN', { q: b.queue }) : t('overload.defaultQueue');
      return t(`overload.drop.${key}`, { vm: b.vm ?? '', queue, n: fmtNumber(b.drops ?? 0, lang, 0), reason: localizeDropReason(b.reason ?? '', t as never) });
    }
  }
}

/** Lines for the note: LPs folded into ranges when more than two are busy. */
export function bottleneckLines(list: readonly Bottleneck[], t: T, lang: string): { key: string; text: string; b: Bottleneck }[] {
  const lps = list.filter((b) => b.kind === 'lp');
  const out: { key: string; text: string; b: Bottleneck }[] = [];
  for (const b of list) {
    if (b.kind === 'lp' && lps.length > 2) continue;
    out.push({ key: `${b.kind}:${b.componentId}:${b.direction ?? ''}`, text: bottleneckLine(b, t, lang), b });
  }
  if (lps.length > 2) {
    const ranges = lpRanges(lps.map((b) => b.lp ?? 0))
      .map(([a, z]) => (a === z ? `LP${a}` : `LP${a}–LP${z}`))
      .join(', ');
    const min = Math.min(...lps.map((b) => b.utilisation));
    const max = Math.max(...lps.map((b) => b.utilisation));
    const util = Math.round(min * 100) === Math.round(max * 100) ? fmtPercent(max, lang) : `${fmtPercent(min, lang)}–${fmtPercent(max, lang)}`;
    // Cycle shares averaged over the busy LPs (each LP's shares sum to 1).
    const share = (k: 'root' | 'hv' | 'guest') => lps.reduce((a, b) => a + (b.byPartition?.[k] ?? 0), 0) / lps.length;
    out.push({
      key: 'lp:many',
      text: t('overload.lps', { lps: ranges, n: lps.length, util, root: fmtPercent(share('root'), lang), hv: fmtPercent(share('hv'), lang), guest: fmtPercent(share('guest'), lang) }),
      b: lps[0] as Bottleneck,
    });
  }
  return out;
}

export function flowEnds(f: FlowRate, t: T): { from: string; to: string } {
  const ext = t('traffic.external');
  if (f.direction === 'external-to-vm') return { from: ext, to: f.vm };
  if (f.direction === 'vm-to-external') return { from: f.vm, to: ext };
  return { from: f.vm, to: f.peerVm ?? '?' };
}

/** ["12,000 pps", "146 Mbit/s"] (two short lines in a narrow table), or null before a measurement. */
export function rateText(pps: number | null, bps: number | null, lang: string): [string, string] | null {
  if (pps === null || bps === null) return null;
  return [`${fmtNumber(pps, lang, 0)} pps`, fmtBps(bps, lang)];
}
