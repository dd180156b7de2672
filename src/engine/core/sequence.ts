/**
 * Sequences of steps in simulated time: each step does its work and calls `next` when it is done
 * (now, or later from a timer or a mover's arrival), or `stop` to end the sequence early. The
 * runner decides what ending means (runSteps: run `done` either way), so a sequence always
 * learns that it ended and can release what it holds.
 */
export type Step = (next: () => void, stop: () => void) => void;

/** Run `steps` in order, then `done` (also when a step stops the sequence early). */
export function runSteps(steps: readonly Step[], done: () => void): void {
  let i = 0;
  const next = () => {
    if (i >= steps.length) return done();
    (steps[i++] as Step)(next, done);
  };
  next();
}

/** A step that runs `f` and goes on at once. */
export function act(f: () => void): Step {
  return (next) => {
    f();
    next();
  };
}
