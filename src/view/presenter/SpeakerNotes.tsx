import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonById } from '../../lessons/lessons';
import { lessonKeys } from '../../lessons/types';
import { useSim } from '../../store/simStore';
import { isLanguage } from '../../i18n';
import { formatSimTime } from '../../store/speed';
import { initialSearch } from './pageMode';
import { asNotesMessage, openChannel, type NotesCommand, type NotesState } from './notesChannel';

const btn = 'min-h-12 rounded-lg border border-line bg-raised px-5 py-2 text-xl font-semibold text-ink hover:bg-panel';

/**
 * The speaker-notes window (`?notes=1&session=…`): the open lesson step's narration in large
 * type, what comes next, the presentation's state, and buttons (and the same keys) that steer
 * the presentation window. It renders whatever the presentation window publishes; it runs no
 * simulation of its own (the one booted with the page is paused).
 */
export function SpeakerNotes() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<NotesState | null>(null);
  const chRef = useRef<BroadcastChannel | null>(null);

  useEffect(() => {
    useSim.getState().pause();
    // From the URL as opened: the address-bar sync rewrites the query after start-up.
    const session = new URLSearchParams(initialSearch).get('session') ?? '';
    const ch = openChannel(session);
    chRef.current = ch;
    if (!ch) return;
    ch.onmessage = (e: MessageEvent) => {
      const m = asNotesMessage(e.data);
      if (m?.kind === 'state') setState(m);
    };
    ch.postMessage({ kind: 'hello' });
    return () => {
      ch.close();
      chRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (state && state.lang !== i18n.language && isLanguage(state.lang)) void i18n.changeLanguage(state.lang);
  }, [state, i18n]);

  const send = (cmd: NotesCommand) => chRef.current?.postMessage({ kind: 'cmd', cmd });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const cmd: NotesCommand | null =
        e.key === 'PageDown' || e.key === 'ArrowRight'
          ? 'next'
          : e.key === 'PageUp' || e.key === 'ArrowLeft'
            ? 'prev'
            : e.key === 'b' || e.key === 'B'
              ? 'blank'
              : e.key === '.'
                ? 'pause'
                : null;
      if (!cmd) return;
      e.preventDefault();
      e.stopPropagation();
      chRef.current?.postMessage({ kind: 'cmd', cmd });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const lesson = state?.position ? lessonById(state.position.lessonId) : undefined;
  const stepIndex = state?.position?.step ?? 0;
  const step = lesson?.steps[stepIndex];
  const next = lesson?.steps[stepIndex + 1];

  return (
    <main className="min-h-full bg-surface p-8 text-ink" data-testid="speaker-notes">
      <h1 className="mb-4 text-2xl font-bold text-muted">{t('presenter.notes.title')}</h1>
      {!state ? (
        <p className="text-2xl">{t('presenter.notes.waiting')}</p>
      ) : !lesson ? (
        <p className="text-2xl">{t('presenter.notes.noLesson')}</p>
      ) : (
        <article>
          <p className="text-xl text-muted">
            {t(lessonKeys.title(lesson.id))} · {t('presenter.stepOf', { step: Math.min(stepIndex + 1, lesson.steps.length), total: lesson.steps.length })}
          </p>
          <h2 className="mt-2 text-4xl font-bold" data-testid="notes-step-title">
            {step ? t(lessonKeys.stepTitle(lesson.id, step.id)) : t('lessons.ui.completeTitle')}
          </h2>
          {step && <p className="mt-4 max-w-5xl text-3xl leading-snug">{t(lessonKeys.stepBody(lesson.id, step.id))}</p>}
          <p className="mt-6 text-xl">
            <span className="font-semibold text-muted">{t('presenter.notes.upNext')}: </span>
            {next ? t(lessonKeys.stepTitle(lesson.id, next.id)) : t('presenter.notes.last')}
          </p>
        </article>
      )}
      {state && (
        <section aria-label={t('presenter.notes.state')} className="mt-8 flex flex-wrap gap-6 text-xl">
          <span className="font-semibold">{state.blanked ? t('presenter.notes.blanked') : state.playing ? t('presenter.notes.playing') : t('presenter.notes.paused')}</span>
          <span>
            {t('presenter.notes.simTime')}: <span className="font-mono">{formatSimTime(state.simTimeNs)}</span>
          </span>
        </section>
      )}
      <nav aria-label={t('presenter.notes.controls')} className="mt-8 flex flex-wrap gap-3">
        <button type="button" className={btn} onClick={() => send('prev')}>
          {t('presenter.prev')}
        </button>
        <button type="button" className={btn} onClick={() => send('next')}>
          {t('presenter.next')}
        </button>
        <button type="button" className={btn} onClick={() => send('blank')}>
          {t('presenter.blank')}
        </button>
        <button type="button" className={btn} onClick={() => send('pause')}>
          {t('presenter.notes.paused')} / {t('presenter.notes.playing')}
        </button>
      </nav>
    </main>
  );
}
