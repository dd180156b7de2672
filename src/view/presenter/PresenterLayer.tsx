import i18next from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonById } from '../../lessons/lessons';
import { lessonKeys } from '../../lessons/types';
import { useSim } from '../../store/simStore';
import { useTheme } from '../../store/theme';
import { useUi } from '../../store/uiStore';
import { useLessons } from '../lessons/lessonController';
import { Icon } from '../shell/Icon';
import { asNotesMessage, openChannel, type NotesState } from './notesChannel';
import { leavePresenter, watchFullscreen } from './presenter';
import { presenterNext, presenterPrev, toggleBlank } from './presenterKeys';

const btn =
  'inline-flex min-h-11 shrink-0 items-center gap-2 rounded-lg border border-line bg-raised px-4 py-2 font-semibold text-ink hover:bg-panel disabled:opacity-50';
const small = 'rounded-md border border-line bg-raised px-2 py-0.5 text-left text-sm font-semibold text-ink hover:bg-panel';

/** Fit the diagram to its new size (React Flow's own fit-view control, when it is there). */
function refitDiagram() {
  document.querySelector<HTMLButtonElement>('.react-flow__controls-fitview')?.click();
}

/** Open the speaker-notes window (same app, `?notes=1&session=…`) and start publishing to it. */
export function openSpeakerNotes(onSession: (s: string) => void) {
  const session = Math.random().toString(36).slice(2, 10);
  const url = new URL(window.location.href);
  url.search = '';
  url.searchParams.set('notes', '1');
  url.searchParams.set('session', session);
  url.searchParams.set('lang', i18next.language === 'ja' ? 'ja' : 'en');
  onSession(session);
  const w = window.open(url.toString(), `hvv-notes-${session}`, 'popup,width=960,height=720');
  if (!w) useUi.getState().setStatus(i18next.t('presenter.notesBlocked'));
}

/** Publish the presentation state to the notes window and obey its commands. */
function useNotesHost(session: string | null) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!session) return;
    const ch = openChannel(session);
    if (!ch) return;
    const publish = () => {
      const s = useSim.getState();
      const msg: NotesState = {
        kind: 'state',
        lang: i18n.language,
        position: useLessons.getState().position,
        playing: s.playing,
        blanked: useTheme.getState().blanked,
        simTimeNs: s.live.simTimeNs,
      };
      ch.postMessage(msg);
    };
    ch.onmessage = (e: MessageEvent) => {
      const m = asNotesMessage(e.data);
      if (!m) return;
      if (m.kind === 'hello') publish();
      else if (m.kind === 'cmd') {
        if (m.cmd === 'next') presenterNext();
        else if (m.cmd === 'prev') presenterPrev();
        else if (m.cmd === 'blank') toggleBlank();
        else if (m.cmd === 'pause') useSim.getState().togglePlay();
      }
    };
    const offs = [
      useLessons.subscribe((s, p) => s.position !== p.position && publish()),
      useTheme.subscribe((s, p) => s.blanked !== p.blanked && publish()),
      useSim.subscribe((s, p) => (s.playing !== p.playing || s.live.simTimeNs !== p.live.simTimeNs) && publish()),
    ];
    const onLang = () => publish();
    i18n.on('languageChanged', onLang);
    publish();
    return () => {
      offs.forEach((o) => o());
      i18n.off('languageChanged', onLang);
      ch.close();
    };
  }, [session, i18n]);
}

/**
 * What presenter mode adds over the app: a bar with the lesson step and large buttons, the blank
 * screen (`B`), and the speaker-notes link. The projector theme and large type come from CSS
 * (`[data-presenter]` in index.css).
 */
export function PresenterLayer() {
  const { t } = useTranslation();
  const presenter = useTheme((s) => s.presenter);
  const blanked = useTheme((s) => s.blanked);
  const playing = useSim((s) => s.playing);
  const position = useLessons((s) => s.position);
  const [session, setSession] = useState<string | null>(null);
  const barRef = useRef<HTMLElement>(null);
  useNotesHost(session);
  useEffect(() => watchFullscreen(), []);

  // The page keeps the bar's height free at the bottom (index.css, --hvv-presenter-bar), and the
  // diagram refits to the space presenter mode gives it (and gives back).
  useEffect(() => {
    const root = document.documentElement;
    const bar = barRef.current;
    const ro = bar ? new ResizeObserver(() => root.style.setProperty('--hvv-presenter-bar', `${bar.offsetHeight}px`)) : null;
    if (bar) ro?.observe(bar);
    else root.style.removeProperty('--hvv-presenter-bar');
    const id = window.setTimeout(refitDiagram, 120);
    return () => {
      ro?.disconnect();
      window.clearTimeout(id);
    };
  }, [presenter]);

  if (!presenter) return null;
  const lesson = position ? lessonById(position.lessonId) : undefined;
  const total = lesson?.steps.length ?? 0;
  const step = lesson && position ? lesson.steps[position.step] : undefined;

  return (
    <>
      <section
        ref={barRef}
        aria-label={t('presenter.bar')}
        className="fixed inset-x-0 bottom-0 z-40 flex items-center gap-2 border-t-2 border-line bg-panel px-4 py-2 text-ink"
        data-testid="presenter-bar"
      >
        {/* The header (and its h1) steps aside in presenter mode. */}
        <h1 className="sr-only">{t('app.title')}</h1>
        <div className="min-w-0 flex-1">
          {lesson && position ? (
            <>
              <p className="truncate text-base text-muted">
                {t(lessonKeys.title(lesson.id))} · <span data-testid="presenter-step">{t('presenter.stepOf', { step: Math.min(position.step + 1, total), total })}</span>
              </p>
              <p className="truncate text-2xl font-bold">{step ? t(lessonKeys.stepTitle(lesson.id, step.id)) : t('lessons.ui.completeTitle')}</p>
            </>
          ) : (
            <p className="text-base text-muted">{t('presenter.noLesson')}</p>
          )}
          <p className="truncate text-sm text-muted">{t('presenter.hint')}</p>
        </div>
        {!playing && (
          <span className="shrink-0 rounded-md border-2 border-warn px-2 py-1 font-bold text-warn" data-testid="presenter-paused">
            {t('presenter.paused')}
          </span>
        )}
        <button type="button" className={btn} onClick={presenterPrev} aria-keyshortcuts="PageUp ArrowLeft">
          <Icon name="stepBack" className="h-5 w-5" /> {t('presenter.prev')}
        </button>
        <button type="button" className={btn} onClick={presenterNext} aria-keyshortcuts="PageDown ArrowRight">
          {t('presenter.next')} <Icon name="step" className="h-5 w-5" />
        </button>
        <div className="flex shrink-0 flex-col gap-1">
          <button type="button" className={small} onClick={toggleBlank} aria-keyshortcuts="B">
            {t('presenter.blank')}
          </button>
          <button type="button" className={small} onClick={() => openSpeakerNotes(setSession)}>
            {t('presenter.openNotes')}
          </button>
          <button type="button" className={small} onClick={leavePresenter} aria-keyshortcuts="Escape">
            {t('presenter.exit')}
          </button>
        </div>
      </section>
      {blanked && (
        <div className="fixed inset-0 z-[100] flex items-end justify-center bg-surface pb-6" data-testid="presenter-blank" onClick={toggleBlank}>
          <button type="button" className="rounded-md px-3 py-1 text-sm text-muted opacity-40 focus:opacity-100" onClick={toggleBlank} autoFocus>
            {t('presenter.unblank')}
          </button>
          <p role="status" className="sr-only">
            {t('presenter.blanked')}
          </p>
        </div>
      )}
    </>
  );
}
