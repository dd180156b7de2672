/**
 * Event predicates: how a lesson step says "wait until this happens in the engine".
 *
 * A predicate is plain data (serializable, so a lesson can be stored or sent over postMessage):
 * every field that is present must match; absent fields match anything. Component ids may use `*`
 * as a wildcard (`root.netvsp.*`), and `detail` matches when the event's detail contains the text,
 * case-insensitively, so `OPENCHANNEL_RESULT` matches `OPENCHANNEL_RESULT (6)` as well.
 */
import type { ComponentId, EventKind, PathKind, TraceEvent, VmId } from '../engine/types';

export interface EventPredicate {
  kind?: EventKind | readonly EventKind[];
  from?: ComponentId;
  to?: ComponentId;
  /** Either end of the event (from or to). */
  at?: ComponentId;
  detail?: string;
  path?: PathKind | readonly PathKind[];
  vm?: VmId;
  /** Only data packets (the event names a packet and is not on the control path). */
  dataOnly?: boolean;
}

const globCache = new Map<string, RegExp>();

/** `*` matches any run of characters (including none); every other character is literal. */
export function globToRegExp(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`);
    globCache.set(pattern, re);
  }
  return re;
}

export function matchesId(pattern: string, id: string): boolean {
  return pattern.includes('*') ? globToRegExp(pattern).test(id) : pattern === id;
}

function oneOf<T>(want: T | readonly T[] | undefined, got: T): boolean {
  if (want === undefined) return true;
  return Array.isArray(want) ? (want as readonly T[]).includes(got) : want === got;
}

export function matchesEvent(p: EventPredicate, e: TraceEvent): boolean {
  if (!oneOf(p.kind, e.kind)) return false;
  if (!oneOf(p.path, e.path)) return false;
  if (p.vm !== undefined && e.vm !== p.vm) return false;
  if (p.from !== undefined && !matchesId(p.from, e.from)) return false;
  if (p.to !== undefined && !matchesId(p.to, e.to)) return false;
  if (p.at !== undefined && !matchesId(p.at, e.from) && !matchesId(p.at, e.to)) return false;
  if (p.detail !== undefined && !e.detail.toLowerCase().includes(p.detail.toLowerCase())) return false;
  if (p.dataOnly && (e.packet === null || e.path === 'control')) return false;
  return true;
}

/** Expand id patterns against the ids that exist; unknown exact ids are dropped. */
export function expandIds(patterns: readonly string[], ids: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of patterns) {
    for (const id of ids) {
      if (!seen.has(id) && matchesId(p, id)) {
        seen.add(id);
        out.push(id);
      }
    }
  }
  return out;
}
