/**
 * The lessons (their text, questions, runner and controller) load after the first paint: the
 * start-up hooks (`?lesson=`, the postMessage bridge, presenter keys) reach them through here.
 * Invariant: a lesson can only be open once the controller module has loaded (opening one goes
 * through it), so "not loaded yet" always means "no lesson open".
 */
type Controller = typeof import('./lessonController');

let controller: Controller | null = null;
let pending: Promise<Controller> | null = null;

/** Loads the lesson controller (once); resolves to the module. */
export function loadLessonController(): Promise<Controller> {
  pending ??= import('./lessonController').then((m) => (controller = m));
  return pending;
}

/** The controller if it has loaded, else null (then no lesson is open). */
export function loadedLessonController(): Controller | null {
  return controller;
}
