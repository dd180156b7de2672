/**
 * The lesson runner and the quiz wired to the real store and the real engine, driven headlessly
 * with the store's synchronous `tick` (what an animation frame does).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { installPageGlobals } from '../../store/testing/pageGlobals';

beforeAll(() => installPageGlobals({ window: false }));

const load = async () => {
  const store = await import('../../store/simStore');
  const host = (await import('../../store/engineHost')).host;
  const controller = await import('./lessonController');
  const questions = await import('../../lessons/questions');
  return { ...store, host, ...controller, ...questions };
};

/** Run frames until `done()` or give up. */
async function frames(tick: (ms: number) => void, done: () => boolean, ms = 100, max = 400) {
  for (let i = 0; i < max && !done(); i++) tick(ms);
}

describe('lessons wired to the store', () => {
  it('start, next and exit drive the simulation and the highlight', async () => {
    const { lessonRunner, useLessons, useSim } = await load();
    const r = lessonRunner();
    expect(r.start('partitions')).toBe(true);
    const s = useSim.getState();
    expect(s.config.vms.map((v) => v.id)).toEqual(['vm1', 'vm2']);
    expect(s.highlight).toContain('hv');
    expect(s.highlight).toContain('lp.0');
    expect(s.playing).toBe(true);
    r.next();
    expect(useSim.getState().highlight).toEqual(['root.os', 'vm1.stack', 'vm2.stack']);
    expect(useLessons.getState().position).toEqual({ lessonId: 'partitions', step: 1 });
    r.exit();
    expect(useSim.getState().highlight).toBeNull();
    expect(useLessons.getState().position).toBeNull();
    useSim.getState().pause();
  });

  it('goTo lands where a walking learner would be, and an engine event moves the lesson on', async () => {
    const { lessonRunner, useLessons, useSim, host, tick } = await load();
    const r = lessonRunner();
    // vmbus step 4 ("open") waits for OPENCHANNEL_RESULT; the jump seeks past OFFERCHANNEL and GPADL_CREATED.
    expect(r.goTo('vmbus', 3)).toBe(true);
    expect(useLessons.getState().waiting?.label).toBe('openResult');
    expect(host.log.tail(200).some((e) => e.detail === 'GPADL_CREATED')).toBe(true);
    expect(host.log.tail(200).some((e) => e.detail === 'OPENCHANNEL_RESULT')).toBe(false);
    await frames(tick, () => useLessons.getState().position?.step === 4);
    expect(useLessons.getState().position).toEqual({ lessonId: 'vmbus', step: 4 });
    expect(useLessons.getState().reached?.detail).toContain('OPENCHANNEL_RESULT');
    // The next step ("channel") pauses to explain.
    expect(useSim.getState().playing).toBe(false);
    r.exit();
  });

  it('the lesson highlight survives selecting and clearing a component on the diagram', async () => {
    const { lessonRunner, useSim } = await load();
    const r = lessonRunner();
    r.goTo('vspVsc', 1);
    const lessonHighlight = useSim.getState().highlight;
    expect(lessonHighlight).toEqual(['root.netvsp.vm1', 'vm1.netvsc', 'root.vpci.vm1', 'vm1.vpci']);
    useSim.getState().select({ kind: 'component', id: 'hv' });
    useSim.getState().select(null);
    expect(useSim.getState().highlight).toEqual(lessonHighlight);
    r.exit();
  });
});

describe('a question inside a lesson', () => {
  it('is asked through the quiz store, graded by the engine, and forgotten when the lesson moves on', async () => {
    const { lessonRunner, useQuiz, useSim, gradeQuestion } = await load();
    const r = lessonRunner();
    const at = (await import('../../lessons/lessons')).lessonById('emulated')!.steps.findIndex((s) => s.question);
    r.goTo('emulated', at);
    const quiz = useQuiz.getState();
    expect(quiz.inLesson).toBe(true);
    expect(quiz.question?.kind).toBe('exits');
    expect(useSim.getState().config).toEqual(quiz.question!.config);
    const truth = gradeQuestion(quiz.question!, '0').expected!;
    useQuiz.getState().answer(truth);
    expect(useQuiz.getState().grade?.correct).toBe(true);
    r.next();
    expect(useQuiz.getState().inLesson).toBe(false);
    expect(useQuiz.getState().question).toBeNull();
    expect(useSim.getState().config.flows.length).toBeGreaterThan(1);
    r.exit();
    useSim.getState().pause();
  });
});

describe('quiz wired to the store', () => {
  it('shows the question’s host, grades against the engine, then replays the graded run', async () => {
    const { useQuiz, useSim, host, gradeQuestion } = await load();
    useQuiz.getState().start(3);
    const q = useQuiz.getState().question!;
    expect(useQuiz.getState().phase).toBe('asking');
    expect(useSim.getState().config).toEqual(q.config);
    expect(useSim.getState().playing).toBe(false);
    expect(host.sim.now()).toBeLessThan(q.packetAtNs);

    const truth = gradeQuestion(q, q.choices[0]!.id).expected!;
    const wrong = q.choices.find((c) => c.id !== truth)!.id;
    useQuiz.getState().answer(wrong);
    expect(useQuiz.getState().grade?.correct).toBe(false);
    expect(useQuiz.getState().grade?.expected).toBe(truth);
    expect(useSim.getState().playing).toBe(true);
    expect(useSim.getState().highlight?.length).toBeGreaterThan(2);
    useQuiz.getState().exit();

    useQuiz.getState().start(3);
    useQuiz.getState().answer(truth);
    expect(useQuiz.getState().grade?.correct).toBe(true);
    expect(useQuiz.getState().answers.map((a) => a.correct)).toEqual([true]);
    useQuiz.getState().exit();
    useSim.getState().pause();
  });

  it('a component question is answered by selecting a candidate on the diagram', async () => {
    const { useQuiz, useSim } = await load();
    useQuiz.getState().start(4);
    const q = useQuiz.getState().question!;
    expect(q.kind).toBe('component');
    expect(useQuiz.getState().answerMode?.choices).toEqual(q.choices.map((c) => c.id));
    // A component that is not a candidate does not answer.
    useSim.getState().select({ kind: 'component', id: 'hv' });
    expect(useQuiz.getState().phase).toBe('asking');
    useSim.getState().select({ kind: 'component', id: q.choices[1]!.id });
    expect(useQuiz.getState().phase).toBe('result');
    expect(useQuiz.getState().grade?.answer).toBe(q.choices[1]!.id);
    expect(useQuiz.getState().answerMode).toBeNull();
    useQuiz.getState().nextQuestion();
    expect(useQuiz.getState().index).toBe(1);
    useQuiz.getState().exit();
    useSim.getState().pause();
  });
});
