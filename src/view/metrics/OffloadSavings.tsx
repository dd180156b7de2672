/**
 * "What each offload saves per byte" (issue 11): one synthetic VM with UDP out and in, run with
 * offloads off, with LSO, with RSC and with checksum offload off (src/analysis/offloadCompare.ts),
 * guest, root and hypervisor CPU in ns per KB, VMBus packets and interrupts per MB, each case
 * with the cost rows behind it and their sources (or "model estimate").
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSimulation } from '../../engine';
import { macrotaskYield } from '../../export/replay';
import { selectors, useSim } from '../../store/simStore';
import { OFFLOAD_CASE_ROWS, runOffloadComparison, type OffloadCase, type OffloadResult } from '../../analysis/offloadCompare';
import { sourceLine, type SourceLine } from './figureSources';
import { SourceNote } from './SourceNote';
import { fmtNumber } from './units';

const CASE_KEY: Record<OffloadCase, string> = {
  none: 'compare.offloads.case.none',
  lso: 'compare.offloads.case.lso',
  rsc: 'compare.offloads.case.rsc',
  'checksum-off': 'compare.offloads.case.checksumOff',
};

type State = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; results: OffloadResult[] } | { kind: 'error'; message: string };

export function OffloadSavings() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const config = useSim(selectors.config);
  const seed = useSim((s) => s.seed);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<{ aborted: boolean } | null>(null);
  useEffect(() => () => void (abort.current && (abort.current.aborted = true)), []);

  const run = async () => {
    const signal = { aborted: false };
    abort.current = signal;
    setState({ kind: 'running' });
    try {
      const results = await runOffloadComparison(createSimulation, config, { seed, yieldFn: macrotaskYield, signal });
      if (!signal.aborted) setState({ kind: 'done', results });
    } catch (err) {
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const results = state.kind === 'done' ? state.results : [];
  const none = results.find((r) => r.case === 'none');
  const num = (x: number, digits = 0) => fmtNumber(Number(x.toFixed(digits)), lang);
  const delta = (x: number, base: number | undefined) => (base && base > 0 ? ` (${x <= base ? '−' : '+'}${Math.round((Math.abs(base - x) / base) * 100)} %)` : '');
  const sources = (c: OffloadCase): SourceLine[] => OFFLOAD_CASE_ROWS[c].map(sourceLine).filter((l): l is SourceLine => l !== null);

  return (
    <section aria-labelledby="offload-savings-h" className="rounded-lg border border-line bg-panel p-3" data-testid="offload-savings">
      <h3 id="offload-savings-h" className="m-0 mb-1 text-sm font-bold">
        {t('compare.offloads.title')}
      </h3>
      <p className="m-0 mb-2 text-sm text-muted">{t('compare.offloads.intro')}</p>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <button type="button" className="rounded-md border border-line bg-raised px-3 py-1.5 font-semibold disabled:opacity-50" onClick={() => void run()} disabled={state.kind === 'running'}>
          {state.kind === 'done' ? t('compare.offloads.rerun') : t('compare.offloads.run')}
        </button>
        {state.kind === 'running' && (
          <span className="text-sm text-muted" aria-live="polite">
            {t('compare.offloads.running')}
          </span>
        )}
      </div>
      {state.kind === 'error' && (
        <p role="alert" className="text-danger">
          {t('compare.error', { message: state.message })}
        </p>
      )}
      {results.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="offload-savings-table">
            <thead>
              <tr className="text-left text-muted">
                <th scope="col" className="py-1 pr-2">{t('compare.offloads.col.case')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('compare.offloads.col.guest')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('compare.offloads.col.root')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('compare.offloads.col.hv')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('compare.offloads.col.vmbus')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('compare.offloads.col.interrupts')}</th>
                <th scope="col" className="py-1 pr-2 text-right">{t('compare.offloads.col.gbps')}</th>
                <th scope="col" className="py-1">{t('compare.offloads.col.sources')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.case} className="border-t border-line" data-testid={`offload-row-${r.case}`}>
                  <th scope="row" className="py-1 pr-2 text-left font-semibold">{t(CASE_KEY[r.case])}</th>
                  <td className="py-1 pr-2 text-right font-mono">{num(r.guestNsPerKB)}{r.case === 'none' ? '' : delta(r.guestNsPerKB, none?.guestNsPerKB)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{num(r.rootNsPerKB)}{r.case === 'none' ? '' : delta(r.rootNsPerKB, none?.rootNsPerKB)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{num(r.hvNsPerKB)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{num(r.vmbusPacketsPerMB, 1)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{num(r.interruptsPerMB, 1)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{num(r.gbps, 2)}</td>
                  <td className="py-1">
                    <SourceNote lines={sources(r.case)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="m-0 mt-1 text-sm text-muted">{t('compare.offloads.note')}</p>
        </div>
      )}
    </section>
  );
}
