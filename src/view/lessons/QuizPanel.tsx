import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explainOutcome, type Choice } from '../../lessons/questions';
import { useSim } from '../../store/simStore';
import { componentLabel } from './componentLabel';
import { useQuiz } from './lessonController';
import { localizeDropReason } from '../text/engineText';

const button =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-line bg-panel px-4 py-2 text-lg font-semibold text-ink hover:bg-raised disabled:cursor-not-allowed disabled:opacity-50';
const primary =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-accent bg-accent px-4 py-2 text-lg font-semibold text-accent-ink hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50';

/**
 * The standalone predict-the-path quiz: a few questions generated from a quiz number, each
 * answered from a list (or, for component questions, by clicking the component on the diagram),
 * graded against the engine's own run, then replayed on the diagram.
 */
export function QuizPanel({ hideHeading = false }: { hideHeading?: boolean }) {
  const { t } = useTranslation();
  const quizPhase = useQuiz((s) => s.phase);
  const inLesson = useQuiz((s) => s.inLesson);
  const error = useQuiz((s) => s.error);
  // A lesson's own question is shown in the lesson; here the learner may start a quiz of their own.
  const phase = inLesson ? 'idle' : quizPhase;
  return (
    <section aria-labelledby="quiz-heading" className="flex flex-col gap-4 p-4 text-ink" data-testid="quiz-panel">
      <h2 id="quiz-heading" className={hideHeading ? 'sr-only' : 'text-2xl font-bold'}>
        {t('quiz.ui.panelTitle')}
      </h2>
      {error && (
        <p role="alert" className="rounded-lg border border-danger p-3 text-lg text-danger">
          {t('quiz.ui.error', { message: error })}
        </p>
      )}
      {phase === 'idle' && <QuizStart />}
      {(phase === 'asking' || phase === 'result') && <QuizQuestion />}
      {phase === 'finished' && <QuizFinished />}
    </section>
  );
}

function QuizStart() {
  const { t } = useTranslation();
  const lastSeed = useQuiz((s) => s.seed);
  const [seed, setSeed] = useState(String(lastSeed));
  const id = useId();
  const n = Number.parseInt(seed, 10);
  const valid = Number.isInteger(n) && n >= 1 && n <= 999_999;
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) useQuiz.getState().start(n);
      }}
    >
      <p className="text-xl leading-relaxed">{t('quiz.ui.intro')}</p>
      <label htmlFor={id} className="text-lg font-semibold">
        {t('quiz.ui.seedLabel')}
      </label>
      <input
        id={id}
        inputMode="numeric"
        className="w-40 rounded-lg border border-line bg-panel px-3 py-2 font-mono text-lg text-ink"
        value={seed}
        aria-describedby={`${id}-hint`}
        aria-invalid={!valid}
        onChange={(e) => setSeed(e.target.value.replace(/[^0-9]/g, '').slice(0, 6))}
      />
      <p id={`${id}-hint`} className="text-base text-muted">
        {t('quiz.ui.seedHint')}
      </p>
      <div>
        <button type="submit" className={primary} disabled={!valid}>
          {t('quiz.ui.start')}
        </button>
      </div>
    </form>
  );
}

function useChoiceLabel() {
  const { t } = useTranslation();
  return (c: Choice) => t(c.labelKey, c.params ?? {});
}

/**
 * The open question: prompt, setup, choices, then the engine's verdict. `embedded` shows it inside
 * a lesson step (no counter, score or quiz navigation: the lesson's Next moves on).
 */
export function QuizQuestion({ embedded = false }: { embedded?: boolean }) {
  const { t } = useTranslation();
  const q = useQuiz((s) => s.question);
  const phase = useQuiz((s) => s.phase);
  const grade = useQuiz((s) => s.grade);
  const index = useQuiz((s) => s.index);
  const count = useQuiz((s) => s.count);
  const answers = useQuiz((s) => s.answers);
  const topology = useSim((s) => s.topology);
  const label = useChoiceLabel();
  const groupId = useId();
  const promptRef = useRef<HTMLHeadingElement>(null);
  const verdictRef = useRef<HTMLParagraphElement>(null);
  // The control that was used disappears (a choice, Next question): move focus to what replaced it.
  useEffect(() => {
    if (document.activeElement !== document.body) return;
    // Inside a lesson the step's own heading takes the focus when the question appears.
    if (embedded && phase === 'asking') return;
    (phase === 'result' ? verdictRef.current : promptRef.current)?.focus();
  }, [phase, index, embedded]);
  if (!q) return null;
  const correct = answers.filter((a) => a.correct).length;
  const choiceById = (id: string | null) => q.choices.find((c) => c.id === id);
  const answerLabel = (id: string | null) => {
    const c = choiceById(id);
    return c ? label(c) : t('quiz.ui.none');
  };

  return (
    <div className="flex flex-col gap-4" data-testid="quiz-question" data-kind={q.kind}>
      {!embedded && (
        <div className="flex flex-wrap items-center justify-between gap-2 text-lg">
          <span className="font-mono">{t('quiz.ui.questionCounter', { current: index + 1, total: count })}</span>
          <span className="font-semibold" data-testid="quiz-score">
            {t('quiz.ui.score', { correct, answered: answers.length })}
          </span>
        </div>
      )}
      <h3
        id={`${groupId}-prompt`}
        ref={promptRef}
        tabIndex={-1}
        className={`${embedded ? 'text-xl' : 'text-2xl'} font-bold leading-snug`}
        data-testid="quiz-prompt"
      >
        {t(q.promptKey, { vm: q.vm })}
      </h3>
      <section aria-label={t('quiz.ui.setup')} className="rounded-lg border border-line bg-raised p-3">
        <h4 className="mb-1 text-base font-semibold uppercase tracking-wide text-muted">{t('quiz.ui.setup')}</h4>
        <ul className="grid gap-1 text-lg" data-testid="quiz-facts">
          {q.facts.map((f, i) => (
            <li key={i}>{t(f.key, f.params ?? {})}</li>
          ))}
        </ul>
      </section>

      {phase === 'asking' ? (
        <fieldset className="flex flex-col gap-2" aria-describedby={q.kind === 'component' ? `${groupId}-hint` : undefined}>
          <legend className="mb-2 text-lg font-semibold">{t('quiz.ui.choices')}</legend>
          {q.choices.map((c) => (
            <button
              key={c.id}
              type="button"
              className={`${button} justify-start text-left`}
              data-choice={c.id}
              onClick={() => useQuiz.getState().answer(c.id)}
            >
              {label(c)}
            </button>
          ))}
          {q.kind === 'component' && (
            <p id={`${groupId}-hint`} className="text-base text-muted">
              {t('quiz.ui.clickHint')}
            </p>
          )}
        </fieldset>
      ) : grade ? (
        <div className="flex flex-col gap-3" data-testid="quiz-result" data-correct={grade.correct ? 'true' : 'false'}>
          <p ref={verdictRef} tabIndex={-1} role="status" className={`text-2xl font-bold ${grade.correct ? 'text-ok' : 'text-danger'}`}>
            {grade.correct ? `✓ ${t('quiz.ui.right')}` : `✗ ${t('quiz.ui.wrong')}`}
          </p>
          <p className="text-lg">{t('quiz.ui.yourAnswer', { answer: answerLabel(grade.answer) })}</p>
          <p className="text-lg font-semibold" data-testid="quiz-engine-answer">
            {t('quiz.ui.engineAnswer', { answer: answerLabel(grade.expected) })}
          </p>
          <ul className="grid gap-1 text-lg leading-relaxed">
            {explainOutcome(q, grade.outcome).map((f, i) => (
              <li key={i}>{t(f.key, f.params?.reason !== undefined ? { ...f.params, reason: localizeDropReason(String(f.params.reason), t) } : (f.params ?? {}))}</li>
            ))}
          </ul>
          {grade.outcome.route.length > 0 && (
            <p className="text-base text-muted">
              {t('quiz.ui.route', { route: grade.outcome.route.map((id) => componentLabel(t, topology, id)).join(' → ') })}
            </p>
          )}
          <p className="text-base text-muted">{t('quiz.ui.watching')}</p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className={button} onClick={() => useQuiz.getState().watchAgain()}>
              {t('quiz.ui.watchAgain')}
            </button>
            {!embedded && (
              <button type="button" className={primary} onClick={() => useQuiz.getState().nextQuestion()}>
                {index + 1 >= count ? t('quiz.ui.finish') : t('quiz.ui.next')}
              </button>
            )}
          </div>
        </div>
      ) : null}
      {!embedded && (
        <div>
          <button type="button" className={button} onClick={() => useQuiz.getState().exit()}>
            {t('quiz.ui.exit')}
          </button>
        </div>
      )}
    </div>
  );
}

function QuizFinished() {
  const { t } = useTranslation();
  const answers = useQuiz((s) => s.answers);
  const seed = useQuiz((s) => s.seed);
  const correct = answers.filter((a) => a.correct).length;
  return (
    <div className="flex flex-col gap-3" data-testid="quiz-finished">
      <h3 className="text-2xl font-bold">{t('quiz.ui.finishedTitle')}</h3>
      <p className="text-xl" data-testid="quiz-final-score">
        {t('quiz.ui.finishedBody', { correct, total: answers.length })}
      </p>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={primary} onClick={() => useQuiz.getState().start(seed + 1)}>
          {t('quiz.ui.again')}
        </button>
        <button type="button" className={button} onClick={() => useQuiz.getState().exit()}>
          {t('quiz.ui.exit')}
        </button>
      </div>
    </div>
  );
}
