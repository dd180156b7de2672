import { useEffect, useState, type ComponentProps, type ComponentType } from 'react';

/**
 * A lazily loaded component that never suspends: it renders nothing until its code is here, then
 * renders it directly (the callers' Suspense fallbacks are `null` too).
 *
 * Why not `React.lazy`:
 * - `React.lazy` suspends on its first render even when the chunk was fetched long before (its
 *   factory runs only then, and a promise never resolves synchronously), and React 19 holds a
 *   Suspense boundary's content back for up to 300 ms after a fallback (its reveal throttle). So a
 *   panel preloaded at idle still took ≈300 ms to appear on the first click that opened it: the
 *   first click on a packet, at 10,000 in flight, was 340 ms against 40 for the next (issue 13).
 * - Once the chunk arrives, React renders a suspended boundary again in a *retry* lane: a
 *   time-sliced render that any store update interrupts and restarts, and that never expires. At
 *   64 VMs × 30,000 in flight (frames ≈30 ms, live numbers published 10× a second) the controls
 *   panel's render never finished: the drawer stayed empty for as long as the page played.
 *   Here the module's arrival is a plain state update (default lane: rendered in one go).
 *
 * `preload()` fetches the code ahead (at idle); an instance mounted after that renders it at once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component, as React.lazy takes
export function preloadable<C extends ComponentType<any>>(load: () => Promise<{ default: C }>) {
  type P = ComponentProps<C>;
  let loaded: C | null = null;
  let pending: Promise<{ default: C }> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (m) => ((loaded = m.default), m),
      (err: unknown) => {
        pending = null; // let a later mount try again (a flaky network)
        throw err;
      },
    ));
  function Preloadable(props: P) {
    const [state, setState] = useState<{ C: ComponentType<P> | null; error?: unknown }>(() => ({ C: loaded }));
    useEffect(() => {
      if (state.C || state.error !== undefined) return;
      let live = true;
      preload().then(
        (m) => live && setState({ C: m.default as ComponentType<P> }),
        (error: unknown) => live && setState({ C: null, error: error ?? new Error('load failed') }),
      );
      return () => {
        live = false;
      };
    }, [state]);
    // A failed load shows in the nearest error boundary, as a failed React.lazy would.
    if (state.error !== undefined) throw state.error;
    return state.C ? <state.C {...props} /> : null;
  }
  return { Component: Preloadable, preload };
}
