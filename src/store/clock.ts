/**
 * The single animation clock. One requestAnimationFrame loop turns wall time × speed into
 * `sim.runUntil(simNow)`, fills the in-flight buffer and calls the frame listeners (the packet
 * overlay draws there). It runs only while playing, or for one frame when asked to redraw, so the
 * page is idle when nothing happens. Tests drive it with `tick()` instead of rAF.
 */
export interface FrameInfo {
  /** Simulated time drawn in this frame, ns. */
  simTimeNs: number;
  /** Wall-clock ms since the previous frame (0 for a redraw). */
  dtMs: number;
}

type FrameListener = (f: FrameInfo) => void;

export interface Clock {
  start(): void;
  stop(): void;
  running(): boolean;
  /** Draw one frame without advancing time (after a seek, resize or selection change). */
  requestRedraw(): void;
  /** Advance by `dtMs` of wall time synchronously (tests, automation). */
  tick(dtMs: number): void;
  onFrame(l: FrameListener): () => void;
}

/**
 * @param advance moves the simulation by `dtMs` of wall time and returns the new simulated time;
 *   with dtMs = 0 it only refreshes per-frame data.
 */
export function createClock(advance: (dtMs: number) => number): Clock {
  const listeners = new Set<FrameListener>();
  let running = false;
  let raf = 0;
  let last = 0;
  let redrawQueued = false;

  const emit = (f: FrameInfo) => {
    for (const l of listeners) l(f);
  };

  const loop = (now: number) => {
    raf = 0;
    // Clamp: a background tab or a debugger pause must not jump the simulation by minutes.
    const dt = last === 0 ? 0 : Math.min(100, now - last);
    last = now;
    const simTimeNs = advance(running ? dt : 0);
    emit({ simTimeNs, dtMs: running ? dt : 0 });
    redrawQueued = false;
    if (running) raf = requestAnimationFrame(loop);
  };

  return {
    start() {
      if (running) return;
      running = true;
      last = 0;
      if (!raf) raf = requestAnimationFrame(loop);
    },
    stop() {
      running = false;
    },
    running: () => running,
    requestRedraw() {
      if (running || redrawQueued) return;
      redrawQueued = true;
      last = 0;
      raf = requestAnimationFrame(loop);
    },
    tick(dtMs: number) {
      const simTimeNs = advance(dtMs);
      emit({ simTimeNs, dtMs });
    },
    onFrame(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
