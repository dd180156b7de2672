/**
 * The lessons against the real engine, the way the runner drives it: every step that waits for an
 * event must see it, soon enough at the step's playback speed that a learner is not left waiting,
 * both when walking through the lesson and when jumping straight to the step (presenter, embed);
 * every step with live numbers must have data for them after a few seconds.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import type { Simulation, TraceEvent } from '../engine/types';
import { LESSONS } from './lessons';
import { matchesEvent, type EventPredicate } from './predicates';
import { buildQuestion, gradeQuestion } from './questions';
import { planStep, type StoreOp } from './runner';
import { locateWaits } from './scenes';
import type { Lesson } from './types';

/** A learner should not wait longer than this (wall seconds at the step's speed). */
const MAX_WAIT_S = 40;
/** Time a learner spends reading a step that does not wait (wall seconds). */
const READ_S = 10;

interface Headless {
  sim: Simulation | null;
  speed: number;
  playing: boolean;
}

function exec(h: Headless, ops: StoreOp[]) {
  for (const o of ops) {
    switch (o.op) {
      case 'load':
        h.sim?.dispose();
        h.sim = createSimulation(o.config, { seed: o.seed });
        h.sim.runUntil(o.atNs);
        break;
      case 'seek':
        h.sim!.runUntil(Math.max(h.sim!.now(), o.atNs));
        break;
      case 'apply':
        h.sim!.apply(o.change);
        break;
      case 'speed':
        h.speed = o.speed;
        break;
      case 'play':
        h.playing = true;
        break;
      case 'pause':
        h.playing = false;
        break;
      case 'highlight':
      case 'question':
        break;
    }
  }
}

/** Run until `p` matches; the wall seconds it took at `speed`, or null if not within MAX_WAIT_S. */
function waitFor(sim: Simulation, p: EventPredicate, speed: number): number | null {
  const start = sim.now();
  let hit: TraceEvent | null = null;
  const off = sim.subscribe((e) => {
    if (!hit && matchesEvent(p, e)) hit = e;
  });
  const horizon = start + speed * MAX_WAIT_S;
  while (!hit && sim.now() < horizon) sim.runUntil(Math.min(horizon, sim.now() + 2_000));
  off();
  return hit ? ((hit as TraceEvent).t - start) / speed : null;
}

function checkReadouts(l: Lesson, i: number, sim: Simulation) {
  const m = sim.metrics();
  for (const r of l.steps[i]?.readouts ?? []) {
    if ((r.kind === 'vmExitsPerPacket' || r.kind === 'rootNsPerPacket') && r.vm) {
      expect(m.perVm[r.vm]?.packets ?? 0, `${l.id}/${l.steps[i]?.id}: ${r.kind} ${r.vm}`).toBeGreaterThan(0);
    }
  }
}

describe('lesson questions on the engine', () => {
  for (const lesson of LESSONS) {
    for (const step of lesson.steps) {
      if (!step.question) continue;
      it(`${lesson.id}/${step.id}: the engine decides the answer`, () => {
        const q = buildQuestion({ id: `${lesson.id}.${step.id}`, ...step.question! });
        const g = gradeQuestion(q, q.choices[0]!.id);
        expect(g.outcome.delivered).toBe(true);
        expect(q.choices.map((c) => c.id)).toContain(g.expected);
      });
    }
  }
});

describe('lessons on the engine', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.id}: walking through, every wait is satisfied in time`, () => {
      const h: Headless = { sim: null, speed: 5_000, playing: false };
      lesson.steps.forEach((step, i) => {
        exec(h, planStep(lesson, i, i > 0));
        const sim = h.sim!;
        if (step.waitFor) {
          const took = waitFor(sim, step.waitFor.predicate, h.speed);
          expect(took, `${lesson.id}/${step.id}: no “${step.waitFor.label}” within ${MAX_WAIT_S} s at ${h.speed} ns/s`).not.toBeNull();
        } else if (h.playing) {
          sim.runUntil(sim.now() + READ_S * h.speed);
          checkReadouts(lesson, i, sim);
        }
      });
      h.sim?.dispose();
    });

    lesson.steps.forEach((step, i) => {
      if (!step.waitFor && !step.readouts) return;
      it(`${lesson.id}/${step.id}: jumping straight to it works`, () => {
        const h: Headless = { sim: null, speed: 5_000, playing: false };
        exec(h, planStep(lesson, i, false, locateWaits));
        const sim = h.sim!;
        if (step.waitFor) {
          const took = waitFor(sim, step.waitFor.predicate, h.speed);
          expect(took, `no “${step.waitFor.label}” within ${MAX_WAIT_S} s at ${h.speed} ns/s`).not.toBeNull();
        } else {
          sim.runUntil(sim.now() + READ_S * h.speed);
          checkReadouts(lesson, i, sim);
        }
        sim.dispose();
      });
    });
  }
});

describe('vrss lesson (issue 11)', () => {
  it('predict: with software vRSS the NIC’s interrupt stays on the VMQ queue’s LP (the spreading comes after it)', () => {
    const step = LESSONS.find((l) => l.id === 'vrss')!.steps.find((s) => s.id === 'predict')!;
    const q = buildQuestion({ id: 'vrss.predict', ...step.question! });
    expect(q.config.vrss).toBe(true);
    expect(q.facts.map((f) => f.key)).toContain('quiz.fact.vrssOn');
    expect(gradeQuestion(q, '1').correct).toBe(true);
  });

  it('stuck → spread: turning vRSS on moves vm1’s receive work from one LP to several', () => {
    const lesson = LESSONS.find((l) => l.id === 'vrss')!;
    const sim = createSimulation(lesson.steps[0]!.scene!.config(), { seed: 1 });
    sim.runUntil(3_000_000);
    const rootLps = () => sim.metrics().perLp.map((l) => l.byPartition.root ?? 0);
    const a = rootLps();
    sim.runUntil(5_000_000);
    const stuck = rootLps().map((x, i) => x - (a[i] as number));
    sim.apply({ kind: 'set-vrss', on: true });
    sim.runUntil(7_000_000);
    const b = rootLps();
    sim.runUntil(9_000_000);
    const spread = rootLps().map((x, i) => x - (b[i] as number));
    const busy = (xs: number[]) => xs.filter((x) => x > 0.2 * Math.max(...xs)).length;
    expect(busy(stuck)).toBe(1);
    expect(busy(spread)).toBeGreaterThanOrEqual(3);
    sim.dispose();
  });
});
