import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Metrics, VmId } from '../../engine/types';
import type { Readout } from '../../lessons/types';
import { host } from '../../store/engineHost';
import { useSim } from '../../store/simStore';

/** Metrics of the running simulation, re-read twice a second (they change every frame). */
function useMetrics(): Metrics | null {
  const runId = useSim((s) => s.runId);
  const [m, setM] = useState<Metrics | null>(null);
  useEffect(() => {
    const read = () => {
      try {
        setM(host.sim ? host.sim.metrics() : null);
      } catch {
        setM(null);
      }
    };
    read();
    const id = window.setInterval(read, 500);
    return () => window.clearInterval(id);
  }, [runId]);
  return m;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function bpsLabel(bps: number): string {
  if (!Number.isFinite(bps)) return '—';
  return bps >= 1e9 ? `${fmt(bps / 1e9, 2)} Gb/s` : `${fmt(bps / 1e6, 0)} Mb/s`;
}

/**
 * The readout a recap link asked to show (`readoutKey`): the step's panel moves focus to it once
 * it is on screen, so a keyboard or screen-reader user lands on the number the recap talks about.
 */
let pendingFocus: string | null = null;
export const readoutKey = (kind: string, vm?: string) => `${kind}-${vm ?? ''}`;
export function focusReadoutWhenShown(key: string) {
  pendingFocus = key;
}

function nsLabel(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  return ns >= 1000 ? `${fmt(ns / 1000, 2)} µs` : `${fmt(ns, 0)} ns`;
}

/** The live numbers a lesson step's narration refers to. */
export function Readouts({ readouts }: { readouts: readonly Readout[] }) {
  const { t } = useTranslation();
  const metrics = useMetrics();
  const vms = useSim((s) => s.live.vms);
  const accounting = useSim((s) => s.live.accounting);
  const [focused, setFocused] = useState<string | null>(null);
  useEffect(() => {
    const key = pendingFocus;
    const el = key ? document.querySelector<HTMLElement>(`[data-readout="${key}"]`) : null;
    if (!key || !el) {
      setFocused(null);
      return;
    }
    pendingFocus = null;
    setFocused(key);
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
  }, [readouts]);
  if (!readouts.length) return null;

  const perVm = (vm: VmId | undefined) => (vm && metrics ? metrics.perVm[vm] : undefined);

  return (
    <section aria-label={t('lessons.ui.live')} className="rounded-lg border border-line bg-raised p-3" data-testid="lesson-readouts">
      <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-muted">{t('lessons.ui.live')}</h3>
      <dl className="grid gap-2 text-lg">
        {readouts.map((r, i) => {
          const key = `${r.kind}-${r.vm ?? ''}-${i}`;
          const vm = r.vm ?? '';
          const rk = readoutKey(r.kind, r.vm);
          switch (r.kind) {
            case 'vmExitsPerPacket': {
              const m = perVm(r.vm);
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.vmExitsPerPacket', { vm })} testId={`readout-exits-${vm}`}>
                  {m && m.packets > 0 ? fmt(m.vmExits / m.packets) : t('lessons.ui.noData')}
                </Row>
              );
            }
            case 'rootNsPerPacket': {
              const m = perVm(r.vm);
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.rootNsPerPacket', { vm })} testId={`readout-root-${vm}`}>
                  {m && m.packets > 0 ? nsLabel(m.rootCycles / 3 / m.packets) : t('lessons.ui.noData')}
                </Row>
              );
            }
            case 'activePath': {
              const s = vms.find((v) => v.id === r.vm);
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.activePath', { vm })} testId={`readout-path-${vm}`}>
                  {s ? t(`lessons.readout.path.${s.activePath}`) : '—'}
                </Row>
              );
            }
            case 'accounting':
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.accounting')} testId="readout-accounting">
                  {`${t('lessons.readout.sent')} ${accounting.sent} · ${t('lessons.readout.delivered')} ${accounting.delivered} · ${t('lessons.readout.dropped')} ${accounting.dropped} · ${t('lessons.readout.inFlight')} ${accounting.inFlight}`}
                </Row>
              );
            case 'throughput': {
              const total = metrics ? Object.values(metrics.perVm).reduce((n, v) => n + v.throughputBps, 0) : 0;
              const m = r.vm ? perVm(r.vm) : undefined;
              const bps = r.vm ? (m?.throughputBps ?? 0) : total;
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={r.vm ? t('lessons.readout.throughput', { vm }) : t('lessons.readout.throughputAll')} testId={`readout-throughput-${vm || 'all'}`}>
                  {metrics && bps > 0 ? bpsLabel(bps) : t('lessons.ui.noData')}
                </Row>
              );
            }
            case 'signalsPerPacket': {
              const m = perVm(r.vm);
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.signalsPerPacket', { vm })} testId={`readout-signals-${vm}`}>
                  {m && m.packets > 0 ? fmt(m.hypercalls / m.packets, 2) : t('lessons.ui.noData')}
                </Row>
              );
            }
            case 'vmqQueues':
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.vmqQueues')} testId="readout-vmq">
                  <ul className="grid gap-0.5">
                    {vms.map((v) => (
                      <li key={v.id}>
                        {t('lessons.readout.queueOf', {
                          vm: v.id,
                          queue: v.vmqQueue === null ? t('lessons.readout.defaultQueue') : t('lessons.readout.queue', { n: v.vmqQueue }),
                          lp: v.rxLp,
                        })}
                      </li>
                    ))}
                  </ul>
                </Row>
              );
            case 'lpLoad':
              return (
                <Row key={key} rk={rk} hl={focused === rk} label={t('lessons.readout.lpLoad')} testId="readout-lp">
                  <ul className="grid gap-1">
                    {(metrics?.perLp ?? []).map((lp) => {
                      const pct = Math.round(Math.min(1, Math.max(0, lp.utilisation)) * 100);
                      return (
                        <li key={lp.lp} className="flex items-center gap-2">
                          <span className="w-12 shrink-0 font-mono text-base">{t('lessons.readout.lp', { n: lp.lp })}</span>
                          <span className="h-3 flex-1 overflow-hidden rounded bg-surface" aria-hidden="true">
                            <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
                          </span>
                          <span className="w-14 shrink-0 text-right font-mono text-base">{pct}%</span>
                        </li>
                      );
                    })}
                  </ul>
                </Row>
              );
          }
          return null;
        })}
      </dl>
    </section>
  );
}

function Row({ label, testId, rk, hl, children }: { label: string; testId: string; rk: string; hl: boolean; children: React.ReactNode }) {
  // A recap link moved focus here: keep an outline (not colour alone: a ring and a marker).
  return (
    <div
      className={`grid gap-0.5 rounded p-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent ${hl ? 'ring-2 ring-accent' : ''}`}
      data-testid={testId}
      data-readout={rk}
      data-recap-target={hl ? 'true' : undefined}
      tabIndex={-1}
    >
      <dt className="text-base text-muted">
        {hl && <span aria-hidden="true">▶ </span>}
        {label}
      </dt>
      <dd className="font-mono font-semibold">{children}</dd>
    </div>
  );
}
