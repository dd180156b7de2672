/**
 * The table of compiled route programs, and the one cache-or-compile helper every program cache
 * of the model uses (flow routes, control messages, signal tokens, register accesses …).
 */
import type { Route } from './program';

export class RouteTable {
  readonly routes: Route[] = [];

  /**
   * Compile a route and store it. The id is reserved first: building may compile nested token
   * routes (e.g. a resume token), which take the ids after it.
   */
  add(build: (id: number) => Route): number {
    const id = this.routes.length;
    this.routes.push(undefined as unknown as Route);
    this.routes[id] = build(id);
    return id;
  }

  /** The route cached under `key` in `cache`, compiling (and caching) it on the first call. */
  cached<K>(cache: Map<K, number>, key: K, build: (id: number) => Route): number {
    let r = cache.get(key);
    if (r === undefined) {
      r = this.add(build);
      cache.set(key, r);
    }
    return r;
  }

  get(id: number): Route {
    return this.routes[id] as Route;
  }
}
