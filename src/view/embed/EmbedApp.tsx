import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonById } from '../../lessons/lessons';
import { lessonKeys } from '../../lessons/types';
import { selectors, useSim } from '../../store/simStore';
import { currentLink } from '../../store/urlSync';
import { LiveNarration } from '../a11y/LiveNarration';
import { lessonNext, lessonPrev, useLessonNav, useLessons } from '../lessons/lessonController';
import { useViewParams } from '../presenter/useViewParams';
import { withViewParams } from '../share/shareLinks';
import { DiagramSlot } from '../shell/DiagramSlot';
import { Icon } from '../shell/Icon';
import { StatusRegion } from '../shell/StatusRegion';
import { EffectNoteBox } from '../shell/EffectNoteBox';
import { PendingStrip } from '../shell/PendingStrip';
import { useDiagramUi } from '../diagram/diagramStore';
import { emitEvent, useEmbedBridge } from './useEmbedBridge';
import { embedKey, releaseKeyboard } from './embedKeys';
import { claimKeys } from '../shell/useShortcuts';

const OverloadNote = lazy(() => import('../overload/OverloadNote').then((m) => ({ default: m.OverloadNote })));
/** Frames at least this big show the overload note open; smaller ones show its title line, one click from the numbers. */
const NOTE_OPEN_MIN = { width: 600, height: 400 };

const btn =
  'inline-flex min-h-8 items-center gap-1 rounded-md border border-line bg-raised px-2 py-1 text-sm font-semibold text-ink hover:bg-panel disabled:opacity-50';

function HostSwitch({ label, on, onChange }: { label: string; on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label={label}
      onClick={() => onChange(!on)}
      className={`inline-flex min-h-8 items-center gap-1 rounded-full border-2 px-1.5 py-0.5 text-sm font-semibold ${
        on ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-ink'
      }`}
    >
      <span aria-hidden="true">{label}</span>
      <span aria-hidden="true" className="rounded-full bg-panel px-1.5 text-xs text-ink">
        {on ? t('common.on') : t('common.off')}
      </span>
    </button>
  );
}

/** True while this frame's document has the keyboard focus. */
function useFrameFocus(): boolean {
  const [focused, setFocused] = useState(() => document.hasFocus());
  useEffect(() => {
    const on = () => setFocused(true);
    const off = () => setFocused(false);
    window.addEventListener('focus', on);
    window.addEventListener('blur', off);
    return () => {
      window.removeEventListener('focus', on);
      window.removeEventListener('blur', off);
    };
  }, []);
  return focused;
}

/** The open lesson's step in one line, with Back / Next. */
function LessonLine() {
  const { t } = useTranslation();
  const position = useLessons((s) => s.position);
  const confirmSkip = useLessonNav((s) => s.confirmSkip);
  const lesson = position ? lessonById(position.lessonId) : undefined;
  if (!lesson || !position) return null;
  const step = lesson.steps[position.step];
  const total = lesson.steps.length;
  return (
    <div role="group" aria-label={t('embed.lesson')} className="flex min-w-0 items-center gap-2 border-t border-line bg-panel px-2 py-1 text-sm" data-testid="embed-lesson">
      <button type="button" className={btn} aria-label={t('presenter.prev')} onClick={() => lessonPrev()}>
        <Icon name="stepBack" />
      </button>
      <span className="shrink-0 font-mono" data-testid="embed-step">
        {Math.min(position.step + 1, total)}/{total}
      </span>
      {confirmSkip ? (
        <span role="alert" className="min-w-0 flex-1 truncate font-semibold text-warn" data-testid="embed-skip-question">
          {t('lessons.ui.skipQuestionConfirm')}
        </span>
      ) : (
        <span className="min-w-0 flex-1 truncate font-semibold" title={step ? t(lessonKeys.stepBody(lesson.id, step.id)) : undefined}>
          {step ? t(lessonKeys.stepTitle(lesson.id, step.id)) : t('lessons.ui.completeTitle')}
        </span>
      )}
      {confirmSkip && (
        <button type="button" className={btn} onClick={() => lessonNext()}>
          {t('lessons.ui.skipQuestion')}
        </button>
      )}
      <button type="button" className={btn} aria-label={t('presenter.next')} onClick={() => lessonNext()}>
        <Icon name="step" />
      </button>
    </div>
  );
}

/**
 * `?embed=1`: the diagram and the minimum to drive it, sized to the iframe (down to 480×320):
 * Play/Pause, Step, the VMQ and SR-IOV host switches, the lesson step when one is open, and a
 * link to the full app at the same state. No header, no panels. Keys work while the frame has
 * focus (they are the frame's own key events); the wheel scrolls the embedding page.
 */
export function EmbedApp() {
  const { t } = useTranslation();
  const playing = useSim(selectors.playing);
  const vmq = useSim(selectors.vmq);
  const sriov = useSim(selectors.sriov);
  useEmbedBridge();
  useViewParams();
  // A small frame needs all its room for the diagram: the legend starts collapsed (one click opens it).
  useEffect(() => useDiagramUi.getState().setLegendOpen(false), []);
  const released = () => emitEvent({ type: 'hvv:keyboardReleased' });
  useEffect(() => claimKeys((e) => embedKey(e, released)), []);
  const focused = useFrameFocus();
  const s = useSim.getState;

  const fullLink = () => {
    const p = useLessons.getState().position;
    return withViewParams(currentLink(), p ? { lesson: p.lessonId, step: p.step + 1 } : {});
  };

  return (
    <div className="flex h-full min-h-0 flex-col overflow-hidden bg-surface text-ink" data-testid="embed-root">
      <main aria-labelledby="embed-title" className="flex min-h-0 flex-1 flex-col">
        <h1 id="embed-title" className="sr-only">
          {t('app.title')}
        </h1>
        <div className="relative min-h-0 flex-1">
          <PendingStrip compact />
          <DiagramSlot />
          <Suspense fallback={null}>
            <OverloadNote compact defaultOpen={window.innerWidth >= NOTE_OPEN_MIN.width && window.innerHeight >= NOTE_OPEN_MIN.height} />
          </Suspense>
        </div>
        <EffectNoteBox compact />
        <LessonLine />
        {/* One row down to a 480 px frame: below 36rem the release button is its key and the link is
            "Open" (their names stay whole), so focusing the frame never wraps the bar and shrinks the diagram. */}
        <div role="toolbar" aria-label={t('embed.controls')} className="@container flex flex-wrap items-center gap-1.5 border-t border-line bg-panel px-2 py-1">
          <button
            type="button"
            className={`${btn} justify-center ${playing ? '' : 'border-accent bg-accent text-accent-ink hover:bg-accent'}`}
            aria-label={playing ? t('playback.pause') : t('playback.play')}
            onClick={() => s().togglePlay()}
          >
            <Icon name={playing ? 'pause' : 'play'} />
            <span aria-hidden="true">{playing ? t('playback.pause') : t('playback.play')}</span>
          </button>
          <button type="button" className={btn} aria-label={t('playback.step')} title={t('playback.step')} onClick={() => s().step()}>
            <Icon name="step" />
          </button>
          <HostSwitch label="VMQ" on={vmq} onChange={(on) => s().apply({ kind: 'set-vmq', on })} />
          <HostSwitch label="SR-IOV" on={sriov} onChange={(on) => s().apply({ kind: 'set-sriov', on })} />
          {focused && (
            <button
              type="button"
              className={btn}
              aria-label={`${t('embed.release')} (Esc)`}
              title={t('embed.releaseHint')}
              onClick={() => releaseKeyboard(released)}
              data-testid="embed-release"
            >
              <span className="hidden @[36rem]:inline">{t('embed.release')}</span>
              <kbd className="rounded border border-line px-1 font-mono text-xs">Esc</kbd>
            </button>
          )}
          <a
            href={fullLink()}
            target="_blank"
            rel="noopener"
            aria-label={t('embed.openFull')}
            title={t('embed.openFullLabel')}
            className="ml-auto rounded-md px-1 text-sm font-semibold text-accent underline"
            onClick={(e) => {
              e.currentTarget.href = fullLink();
            }}
          >
            <span className="hidden @[36rem]:inline">{t('embed.openFull')}</span>
            <span className="@[36rem]:hidden">{t('embed.openFullShort')}</span>
            <span aria-hidden="true"> ↗</span>
          </a>
        </div>
      </main>
      <LiveNarration />
      <StatusRegion />
    </div>
  );
}
