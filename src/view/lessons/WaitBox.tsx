import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonKeys } from '../../lessons/types';
import { selectors, useSim } from '../../store/simStore';
import { lessonRunner, useLessons } from './lessonController';

/** A wait longer than this (wall time) shows its progress and offers to skip ahead. */
export const LONG_WAIT_MS = 3_000;

/** Progress of a wait, 0–1, from simulated times (null when the target is unknown). */
export function waitProgress(fromNs: number, nowNs: number, targetNs: number | null): number | null {
  if (targetNs === null || targetNs <= fromNs) return null;
  return Math.min(0.99, Math.max(0, (nowNs - fromNs) / (targetNs - fromNs)));
}

/**
 * What the step waits for. After LONG_WAIT_MS of wall time it also shows how far the simulation
 * has come towards the event (the runner finds the event's time by running the step's scene
 * headlessly), about how many seconds remain at the current speed, and "Skip ahead", which runs
 * the simulation to the event; the lesson then moves on as the event itself would have.
 */
export function WaitBox() {
  const { t } = useTranslation();
  const waiting = useLessons((s) => s.waiting);
  const fromNs = useLessons((s) => s.waitFromNs ?? null);
  const [long, setLong] = useState<{ wait: object; target: number | null } | null>(null);
  const [failed, setFailed] = useState<object | null>(null);

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setLong({ wait: waiting, target: lessonRunner().waitTargetNs() }), LONG_WAIT_MS);
    return () => {
      clearTimeout(timer);
      // The same step entered again starts its own 3 s.
      setLong(null);
    };
  }, [waiting]);

  const isLong = !!waiting && long?.wait === waiting;
  return (
    <div role="status" aria-live="polite" data-testid="lesson-wait">
      {waiting ? (
        <div className="flex flex-col gap-2 rounded-lg border border-warn bg-raised p-3 text-lg">
          <span className="inline-flex items-center gap-2 font-semibold text-warn">
            <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 animate-pulse rounded-full bg-warn" />
            {t('lessons.ui.waitingFor', { what: t(lessonKeys.wait(waiting.label)) })}
          </span>
          <span className="text-base text-muted">{t('lessons.ui.waitingHint')}</span>
          {isLong && <LongWait fromNs={fromNs} targetNs={long.target} />}
          {isLong && (
            <div className="flex flex-wrap items-center gap-3">
              <button
                type="button"
                className="inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-accent bg-accent px-4 py-2 text-lg font-semibold text-accent-ink hover:opacity-90"
                data-testid="lesson-skip-wait"
                onClick={() => {
                  if (!lessonRunner().skipWait()) setFailed(waiting);
                }}
              >
                {t('lessons.ui.skipWait')}
              </button>
              {failed === waiting && <span className="text-base">{t('lessons.ui.skipWaitFailed')}</span>}
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}

function LongWait({ fromNs, targetNs }: { fromNs: number | null; targetNs: number | null }) {
  const { t } = useTranslation();
  const now = useSim(selectors.simTimeNs);
  const speed = useSim(selectors.speed);
  const playing = useSim(selectors.playing);
  const p = fromNs === null ? null : waitProgress(fromNs, now, targetNs);
  if (p === null || targetNs === null) return null;
  const pct = Math.round(p * 100);
  const seconds = Math.max(1, Math.ceil((targetNs - now) / Math.max(1, speed)));
  return (
    <div className="flex flex-col gap-1" data-testid="lesson-wait-progress">
      <div
        role="progressbar"
        aria-label={t('lessons.ui.waitProgressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={t('lessons.ui.waitProgressValue', { pct })}
        className="h-3 overflow-hidden rounded-full border border-line bg-panel"
      >
        <div className="h-full bg-warn" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-base">
        {t('lessons.ui.waitProgressValue', { pct })} · {playing ? t('lessons.ui.waitRemaining', { count: seconds }) : t('lessons.ui.waitPaused')}
      </span>
    </div>
  );
}
