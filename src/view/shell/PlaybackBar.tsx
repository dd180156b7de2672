import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';
import { Icon } from './Icon';
import { formatSimTime, formatSpeed, SPEEDS, speedIndex } from '../../store/speed';

const btn =
  'inline-flex items-center gap-1.5 rounded-md border border-line bg-raised px-2.5 py-1 text-base font-semibold text-ink hover:bg-panel';

/**
 * Play/Pause, Step, Step back, Reset, Speed, simulated time and the packet counters. The bar is a
 * size container: the step and reset labels show when the diagram column (not the window) has
 * room, so the bar keeps to two rows with both side panels open on a 1024–1280 px screen.
 */
export function PlaybackBar() {
  const { t } = useTranslation();
  const playing = useSim(selectors.playing);
  const speed = useSim(selectors.speed);
  const simTime = useSim(selectors.simTimeNs);
  const acc = useSim(selectors.accounting);
  const speedId = useId();
  const s = useSim.getState;
  const idx = speedIndex(speed);

  return (
    <div role="toolbar" aria-label={t('playback.toolbar')} className="@container flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-line bg-panel px-3 py-1.5">
      <button
        type="button"
        className={`${btn} min-w-24 justify-center ${playing ? '' : 'border-accent bg-accent text-accent-ink hover:bg-accent'}`}
        aria-label={playing ? t('playback.pause') : t('playback.play')}
        aria-keyshortcuts="Space"
        onClick={() => s().togglePlay()}
      >
        <Icon name={playing ? 'pause' : 'play'} />
        <span aria-hidden="true">{playing ? t('playback.pause') : t('playback.play')}</span>
      </button>
      <button type="button" className={btn} aria-label={t('playback.stepBack')} title={t('playback.stepBack')} aria-keyshortcuts="ArrowLeft" onClick={() => s().stepBack()}>
        <Icon name="stepBack" />
        <span aria-hidden="true" className="hidden @2xl:inline">
          {t('playback.stepBackShort')}
        </span>
      </button>
      <button type="button" className={btn} aria-label={t('playback.step')} title={t('playback.step')} aria-keyshortcuts="ArrowRight" onClick={() => s().step()}>
        <Icon name="step" />
        <span aria-hidden="true" className="hidden @2xl:inline">
          {t('playback.stepShort')}
        </span>
      </button>
      <button type="button" className={btn} aria-label={t('playback.reset')} title={t('playback.reset')} onClick={() => s().reset()}>
        <Icon name="reset" />
        <span aria-hidden="true" className="hidden @3xl:inline">
          {t('playback.reset')}
        </span>
      </button>

      <div className="flex items-center gap-2 pl-1">
        <label htmlFor={speedId} className="font-semibold">
          {t('playback.speed')}
        </label>
        <input
          id={speedId}
          type="range"
          min={0}
          max={SPEEDS.length - 1}
          step={1}
          value={idx}
          aria-valuetext={t('playback.speedValue', { speed: formatSpeed(speed) })}
          aria-keyshortcuts="+ -"
          onChange={(e) => s().setSpeed(SPEEDS[Number(e.target.value)] as number)}
          className="w-24 accent-accent"
        />
        <output htmlFor={speedId} className="w-20 font-mono text-sm">
          {formatSpeed(speed)}
        </output>
      </div>

      <div className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-0.5 font-mono text-sm">
        <span>
          <span className="text-muted">{t('playback.time')} </span>
          <output aria-label={t('playback.time')} data-testid="sim-time" className="font-semibold text-base text-ink">
            {formatSimTime(simTime)}
          </output>
        </span>
        <span title={t('counters.sentHelp')}>
          <span className="text-muted">{t('counters.sent')} </span>
          <span data-testid="sent">{acc.sent.toLocaleString()}</span>
        </span>
        <span>
          <span className="text-muted">{t('counters.delivered')} </span>
          <span className="text-ok">{acc.delivered.toLocaleString()}</span>
        </span>
        <span>
          <span className="text-muted">{t('counters.dropped')} </span>
          <span className={acc.dropped ? 'text-danger font-semibold' : ''}>{acc.dropped.toLocaleString()}</span>
        </span>
        <span>
          <span className="text-muted">{t('counters.inFlight')} </span>
          <span>{acc.inFlight.toLocaleString()}</span>
        </span>
      </div>
    </div>
  );
}
