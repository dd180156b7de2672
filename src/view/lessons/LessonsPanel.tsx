import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSONS, lessonById } from '../../lessons/lessons';
import { lessonKeys } from '../../lessons/types';
import { cancelSkip, lessonNext, lessonPrev, lessonRunner, useLessonNav, useLessons, useQuiz } from './lessonController';
import { WaitBox } from './WaitBox';
import { GlossaryButton } from '../glossary/GlossaryButton';
import { LessonRecap } from './LessonRecap';
import { QuizQuestion } from './QuizPanel';
import { Readouts } from './Readouts';

const button =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-line bg-panel px-4 py-2 text-lg font-semibold text-ink hover:bg-raised disabled:cursor-not-allowed disabled:opacity-50';
const primary =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-accent bg-accent px-4 py-2 text-lg font-semibold text-accent-ink hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50';

/**
 * Set when the learner used a control that is about to disappear (Start, All lessons, opening the
 * dock): the next view then takes the focus, so keyboard users are not dropped on the page body.
 * A lesson opened from the address bar does not grab the focus.
 */
let focusNextView = false;
export function requestPanelFocus() {
  focusNextView = true;
}
const takeFocus = (el: HTMLElement | null | undefined) => {
  if (!focusNextView || !el) return;
  focusNextView = false;
  if (document.activeElement === document.body || document.activeElement === null) el.focus();
};

/** Which kind of question fits a lesson's "check yourself" (the quiz generates and grades it). */
const CHECK_KIND: Record<string, 'path' | 'component' | 'exits'> = {
  synthetic: 'exits',
  emulated: 'exits',
  vmq: 'component',
  sriov: 'path',
  failover: 'path',
  vswitch: 'component',
};

/**
 * The lessons panel: the list of lessons with progress, or the open lesson's current step with
 * its narration, live numbers, event wait and Back / Next. Page Down / Page Up move between steps
 * while focus is inside the panel, as a presentation clicker does (presenter mode handles them
 * page-wide); the arrow keys too, unless the shell's shortcuts already used them.
 */
export function LessonsPanel({ onOpenQuiz, hideHeading = false }: { onOpenQuiz?: () => void; hideHeading?: boolean }) {
  const { t } = useTranslation();
  const position = useLessons((s) => s.position);
  useEffect(() => {
    lessonRunner();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (!useLessons.getState().position) return;
    // The shell's global shortcuts use ← / → for simulation steps; when they took the key, leave it.
    if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.nativeEvent.defaultPrevented) return;
    if (e.key === 'PageDown' || e.key === 'ArrowRight') {
      e.preventDefault();
      e.stopPropagation();
      lessonNext();
    } else if (e.key === 'PageUp' || e.key === 'ArrowLeft') {
      e.preventDefault();
      e.stopPropagation();
      lessonPrev();
    }
  };

  return (
    <section aria-labelledby="lessons-heading" className="flex flex-col gap-4 p-4 text-ink" onKeyDown={onKeyDown} data-testid="lessons-panel">
      <h2 id="lessons-heading" className={hideHeading ? 'sr-only' : 'text-2xl font-bold'}>
        {t('lessons.ui.panelTitle')}
      </h2>
      {position ? <OpenLesson onOpenQuiz={onOpenQuiz} /> : <LessonList />}
    </section>
  );
}

function LessonList() {
  const { t } = useTranslation();
  const progress = useLessons((s) => s.progress);
  const listRef = useRef<HTMLOListElement>(null);
  // Coming back from a lesson (or opening the dock) leaves focus nowhere: put it on the list.
  useEffect(() => {
    takeFocus(listRef.current?.querySelector('button'));
  }, []);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const anyProgress = Object.keys(progress.lessons).length > 0;

  return (
    <>
      <ol ref={listRef} aria-label={t('lessons.ui.listLabel')} className="grid gap-3">
        {LESSONS.map((l, i) => {
          const p = progress.lessons[l.id];
          const total = l.steps.length;
          const title = t(lessonKeys.title(l.id));
          const resumeAt = progress.last?.lessonId === l.id && !p?.done ? Math.min(progress.last.step, total - 1) : 0;
          const action = p?.done ? t('lessons.ui.review') : p && p.reached > 0 ? t('lessons.ui.continue') : t('lessons.ui.start');
          return (
            <li key={l.id} className="rounded-lg border border-line bg-panel p-3" data-testid={`lesson-${l.id}`}>
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <h3 className="text-xl font-semibold">
                    <span className="text-muted">{i + 1}. </span>
                    {title}
                  </h3>
                  <p className="mt-1 text-base text-muted">{t(lessonKeys.summary(l.id))}</p>
                  <p className="mt-1 text-base" data-testid="lesson-progress">
                    {p?.done ? (
                      <span className="font-semibold text-ok">✓ {t('lessons.ui.done')}</span>
                    ) : (
                      t('lessons.ui.progress', { reached: p?.reached ?? 0, total })
                    )}
                  </p>
                </div>
                <button
                  type="button"
                  className={p?.done ? button : primary}
                  aria-label={`${action}: ${title}`}
                  onClick={() => {
                    requestPanelFocus();
                    lessonRunner().start(l.id, resumeAt);
                  }}
                >
                  {action}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-3" role="group">
        {confirming ? (
          <>
            <span className="text-base">{t('lessons.ui.resetConfirm')}</span>
            <button
              type="button"
              className={button}
              onClick={() => {
                lessonRunner().resetProgress();
                setConfirming(false);
                setMessage(t('lessons.ui.resetDone'));
              }}
            >
              {t('lessons.ui.resetProgress')}
            </button>
            <button type="button" className={button} onClick={() => setConfirming(false)}>
              {t('lessons.ui.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className={button} disabled={!anyProgress} onClick={() => setConfirming(true)}>
            {t('lessons.ui.resetProgress')}
          </button>
        )}
        <span role="status" className="text-base text-muted">
          {message}
        </span>
      </div>
    </>
  );
}

function OpenLesson({ onOpenQuiz }: { onOpenQuiz?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const position = useLessons((s) => s.position);
  const reached = useLessons((s) => s.reached);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lesson = position ? lessonById(position.lessonId) : undefined;

  // Move focus to the step's heading only when it had been on a control that disappeared.
  const step = position?.step;
  useEffect(() => {
    takeFocus(headingRef.current);
  }, [step]);

  if (!position || !lesson) return null;
  const total = lesson.steps.length;
  const complete = position.step >= total;
  const current = lesson.steps[position.step];
  const index = LESSONS.findIndex((l) => l.id === lesson.id);
  const following = LESSONS[index + 1];
  const title = t(lessonKeys.title(lesson.id));
  const checkKind = CHECK_KIND[lesson.id];

  return (
    <article aria-labelledby="lesson-step-heading" className="flex flex-col gap-4" data-testid="lesson-open">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-lg font-semibold text-muted">{title}</p>
        <div className="flex flex-wrap items-center gap-2">
          <GlossaryButton />
          <button
            type="button"
            className={button}
            aria-label={t('lessons.ui.exitLabel')}
            onClick={() => {
              requestPanelFocus();
              lessonRunner().exit();
            }}
          >
            {t('lessons.ui.exit')}
          </button>
        </div>
      </div>

      {complete || !current ? (
        <div className="flex flex-col gap-3" data-testid="lesson-complete">
          <h3 id="lesson-step-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-bold">
            {t('lessons.ui.completeTitle')}
          </h3>
          <p className="text-xl leading-relaxed">{t('lessons.ui.completeBody', { title })}</p>
          <LessonRecap lessonId={lesson.id} />
          {checkKind && (
            <button
              type="button"
              className={button}
              onClick={() => {
                useQuiz.getState().start(Date.now() % 100_000, { count: 1, kinds: [checkKind] });
                onOpenQuiz?.();
              }}
            >
              {t('quiz.ui.checkYourself')}
            </button>
          )}
          {following ? (
            <button
              type="button"
              className={primary}
              onClick={() => {
                requestPanelFocus();
                lessonRunner().start(following.id);
              }}
            >
              {t('lessons.ui.nextLesson', { title: t(lessonKeys.title(following.id)) })}
            </button>
          ) : (
            <p className="text-lg">{t('lessons.ui.allDone')}</p>
          )}
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          <div className="flex items-center gap-3">
            <p className="shrink-0 font-mono text-lg" aria-label={t('lessons.ui.stepCounterLabel', { current: position.step + 1, total })} data-testid="lesson-step-counter">
              {t('lessons.ui.stepCounter', { current: position.step + 1, total })}
            </p>
            <span aria-hidden="true" className="h-2 flex-1 overflow-hidden rounded-full bg-raised">
              <span className="block h-full rounded-full bg-accent" style={{ width: `${((position.step + 1) / total) * 100}%` }} />
            </span>
          </div>
          {reached && position.step > 0 && <ReachedNote />}
          <h3 id="lesson-step-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-bold">
            {t(lessonKeys.stepTitle(lesson.id, current.id))}
          </h3>
          <p className="text-xl leading-relaxed" data-testid="lesson-narration">
            {t(lessonKeys.stepBody(lesson.id, current.id))}
          </p>
          <WaitBox />
          {current.readouts && <Readouts readouts={current.readouts} />}
          {current.question && <SkipQuestionPrompt />}
          {current.question && <LessonQuestionView />}
        </div>
      )}

      <nav className="flex items-center justify-between gap-3" aria-label={title}>
        <button
          type="button"
          className={button}
          aria-label={t('lessons.ui.prevLabel')}
          disabled={position.step === 0 && index === 0}
          onClick={() => lessonPrev()}
        >
          ← {t('lessons.ui.prev')}
        </button>
        <button
          type="button"
          className={primary}
          aria-label={t('lessons.ui.nextLabel')}
          disabled={complete && !following}
          onClick={() => {
            // Finishing replaces the step (and maybe this button): the completion screen takes focus.
            if (position.step === total - 1) requestPanelFocus();
            lessonNext();
          }}
        >
          {position.step === total - 1 ? t('lessons.ui.finish') : t('lessons.ui.next')} →
        </button>
      </nav>
      <p className="text-sm text-muted">{t('lessons.ui.keyboardHint')}</p>
    </article>
  );
}

/** Next was pressed on a question nobody answered: skip it, or stay and answer. */
function SkipQuestionPrompt() {
  const { t } = useTranslation();
  const asking = useLessonNav((s) => s.confirmSkip);
  const unanswered = useQuiz((s) => s.inLesson && s.phase === 'asking');
  const ref = useRef<HTMLDivElement>(null);
  const show = asking && unanswered;
  useEffect(() => {
    if (show) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [show]);
  if (!show) return null;
  return (
    <div ref={ref} role="alertdialog" aria-labelledby="skip-question-text" className="flex flex-col gap-2 rounded-lg border-2 border-warn bg-raised p-3" data-testid="skip-question">
      <p id="skip-question-text" className="text-lg font-semibold">
        {t('lessons.ui.skipQuestionConfirm')}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={button} onClick={() => lessonNext()}>
          {t('lessons.ui.skipQuestion')}
        </button>
        <button type="button" className={primary} autoFocus onClick={() => cancelSkip()}>
          {t('lessons.ui.answerQuestion')}
        </button>
      </div>
    </div>
  );
}

/** After a wait ended, say what happened (the previous step's wait label). */
function ReachedNote() {
  const { t } = useTranslation();
  const position = useLessons((s) => s.position);
  const lesson = position ? lessonById(position.lessonId) : undefined;
  const prev = lesson && position ? lesson.steps[position.step - 1] : undefined;
  if (!prev?.waitFor) return null;
  return (
    <p className="text-base font-semibold text-ok" data-testid="lesson-reached">
      ✓ {t('lessons.ui.reached', { what: t(lessonKeys.wait(prev.waitFor.label)) })}
    </p>
  );
}

/** A lesson step's question, once the quiz store holds it (the runner asked for it on entry). */
function LessonQuestionView() {
  const ready = useQuiz((s) => s.inLesson && s.question !== null);
  const error = useQuiz((s) => (s.inLesson ? s.error : null));
  const { t } = useTranslation();
  if (error) {
    return (
      <p role="alert" className="rounded-lg border border-danger p-3 text-lg text-danger">
        {t('quiz.ui.error', { message: error })}
      </p>
    );
  }
  return ready ? (
    <div className="rounded-lg border border-line bg-panel p-3" data-testid="lesson-question">
      <QuizQuestion embedded />
    </div>
  ) : null;
}
