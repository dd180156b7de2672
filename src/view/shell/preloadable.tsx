import { lazy, useState, type ComponentProps, type ComponentType } from 'react';

/**
 * A lazily loaded component that, once its code is here, renders without suspending.
 *
 * `React.lazy` suspends on its first render even when the chunk was fetched long before (its
 * factory runs only then, and a promise never resolves synchronously), and React 19 holds a
 * Suspense boundary's content back for up to 300 ms after a fallback (its reveal throttle). So a
 * panel preloaded at idle still took ≈300 ms to appear on the first click that opened it: the
 * first click on a packet, at 10,000 in flight, was 340 ms against 40 for the next (issue 13).
 * Here `preload()` keeps the module, and an instance mounted after that renders it directly. An
 * instance mounted before keeps the lazy path for its whole life, so it is never remounted.
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
        pending = null; // let a later render try again (a flaky network), and the boundary show it
        throw err;
      },
    ));
  const Lazy = lazy(preload);
  function Preloadable(props: P) {
    const [Direct] = useState<ComponentType<P> | null>(() => loaded);
    return Direct ? <Direct {...props} /> : <Lazy {...props} />;
  }
  return { Component: Preloadable, preload };
}
