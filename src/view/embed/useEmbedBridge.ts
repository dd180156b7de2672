import { useEffect } from 'react';
import i18next from 'i18next';
import { configure, stats } from '../../store/automation';
import type { AppEvent, BridgeDeps } from '../../store/postMessage';
import { loadLinkInput } from '../../store/linkInputLoader';
import { useSim } from '../../store/simStore';
import { currentLink } from '../../store/urlSync';
import { loadLessonController } from '../lessons/lessonsLazy';
import { initialView } from '../presenter/pageMode';

type Controller = Awaited<ReturnType<typeof loadLessonController>>;

/** The installed bridge's emit (null before install and after dispose). */
let emitToHost: ((ev: AppEvent) => void) | null = null;

/** Send an event to the embedding page, when the bridge is installed. */
export function emitEvent(ev: AppEvent): void {
  emitToHost?.(ev);
}

const depsFor = (c: Controller, version: number): BridgeDeps => ({
  play: () => useSim.getState().play(),
  pause: () => useSim.getState().pause(),
  step: () => useSim.getState().step(),
  goToStep: (lesson, step) => (c.lessonById(lesson) ? c.lessonRunner().goTo(lesson, step - 1) : false),
  configure: (cfg) => configure(cfg),
  state: () => {
    const s = useSim.getState();
    const p = c.useLessons.getState().position;
    return {
      version,
      playing: s.playing,
      speed: s.speed,
      vmq: s.config.vmq,
      sriov: s.config.sriov,
      vms: s.config.vms.length,
      stats: stats(),
      lang: i18next.language,
      lesson: p ? { lesson: p.lessonId, step: p.step + 1, steps: c.lessonById(p.lessonId)?.steps.length ?? 0 } : null,
      lessons: [...c.LESSON_IDS],
      link: currentLink(),
    };
  },
});

/**
 * The postMessage API, wired to the app: commands from the embedding page run through the
 * stores; `hvv:ready`, `hvv:stepReached` and `hvv:questionAnswered` go back to it.
 * Installed once per page (full app and embed alike: any page that frames or opens the app may
 * drive it, subject to `?origins=`), as soon as the lessons have loaded (just after the first
 * paint); `hvv:ready` tells the embedding page when commands are heard. The bridge (its zod
 * message schema) and the link readers `configure` uses load then too, not before the first paint.
 */
export function useEmbedBridge() {
  useEffect(() => {
    let dispose: (() => void) | null = null;
    let live = true;
    void Promise.all([loadLessonController(), import('../../store/postMessage'), loadLinkInput()]).then(([c, pm]) => {
      if (!live) return;
      const { PROTOCOL_VERSION } = pm;
      const { bridge, dispose: off } = pm.installPostMessage(depsFor(c, PROTOCOL_VERSION), initialView.origins);
      emitToHost = (ev) => bridge.emit(ev);
      const offLessons = c.useLessons.subscribe((s, prev) => {
        const p = s.position;
        if (!p || (prev.position && prev.position.lessonId === p.lessonId && prev.position.step === p.step)) return;
        bridge.emit({ type: 'hvv:stepReached', lesson: p.lessonId, step: p.step + 1, steps: c.lessonById(p.lessonId)?.steps.length ?? 0 });
      });
      const offQuiz = c.useQuiz.subscribe((s, prev) => {
        if (s.answers.length <= prev.answers.length) return;
        const a = s.answers[s.answers.length - 1];
        if (a) bridge.emit({ type: 'hvv:questionAnswered', question: a.questionId, answer: a.answer, correct: a.correct });
      });
      bridge.emit({ type: 'hvv:ready', version: PROTOCOL_VERSION });
      dispose = () => {
        offLessons();
        offQuiz();
        emitToHost = null;
        off();
      };
    });
    return () => {
      live = false;
      dispose?.();
    };
  }, []);
}
