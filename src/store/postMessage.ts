/**
 * The postMessage API: how a page that embeds the app (a slide deck, an LMS page) drives it.
 *
 * Commands (parent → app), each an object with a `type` and an optional `id` (string or number,
 * echoed in the reply):
 *
 * | type            | fields                                   | does                                   |
 * | --------------- | ---------------------------------------- | -------------------------------------- |
 * | `hvv:play`      |                                          | play                                   |
 * | `hvv:pause`     |                                          | pause                                  |
 * | `hvv:step`      |                                          | pause, then advance to the next event  |
 * | `hvv:goToStep`  | `lesson` (id), `step` (1-based integer)  | open that lesson step                  |
 * | `hvv:configure` | `config`: partial config, as `hvv.configure` | change the running simulation      |
 * | `hvv:getState`  |                                          | reply with `hvv:state`                 |
 *
 * Events (app → parent): `hvv:ready` {version}, `hvv:ack` {id, command, ok, errors?} after each
 * command, `hvv:state` {…} in reply to getState, `hvv:stepReached` {lesson, step (1-based),
 * steps}, `hvv:questionAnswered` {question, answer, correct}, `hvv:keyboardReleased` {} when the
 * learner pressed Esc or "Release keyboard" in the embed (the page may move focus to its deck).
 *
 * Security rules:
 * - every message is validated against {@link CommandSchema} (strict objects: unknown fields
 *   are an error) before anything runs; failures are ignored and counted, never executed;
 * - with an allow-list (`?origins=`), messages from any other origin are ignored and counted;
 * - replies go to the origin the command came from, never `*`; unsolicited events go to the
 *   allow-listed origins, else to the origins that sent valid commands, else to the referrer's
 *   origin (the embedding page), and only to `*` when none of these is known.
 *
 * This module has no DOM dependency beyond what is injected, so the unit tests drive it directly.
 */
import { z } from '../engine/zod';

export const PROTOCOL_VERSION = 1;

// zod/mini's functional form; `z.number()` already rejects Infinity and NaN (classic `.finite()` is a no-op).
const str = (max: number) => z.string().check(z.maxLength(max));
const int = () => z.number().check(z.int());
const id = z.optional(z.union([str(200), z.number()]));
const scalar = z.union([str(2000), z.number(), z.boolean()]);

/** The same keys and value shapes as `window.hvv.configure`; values are checked again there. */
export const ConfigSchema = z
  .partial(
    z.strictObject({
      vms: z.union([int(), str(10)]),
      seed: z.union([int(), str(20)]),
      t: z.union([int(), str(20)]),
      packets: z.union([int(), str(10)]),
      vmq: scalar,
      sriov: scalar,
      play: scalar,
      adapter: z.union([str(1000), z.array(str(20)).check(z.maxLength(64))]),
      flows: z.union([str(4000), z.array(str(100)).check(z.maxLength(64))]),
      ext: z.union([str(200), z.array(str(20)).check(z.maxLength(8))]),
      speed: z.union([z.number(), str(20)]),
      traffic: str(40),
      scenario: str(40),
      lang: str(10),
    }),
  )
  .check(z.refine((c) => Object.keys(c).length > 0, { message: 'empty' }));

export const CommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hvv:play'), id }),
  z.strictObject({ type: z.literal('hvv:pause'), id }),
  z.strictObject({ type: z.literal('hvv:step'), id }),
  z.strictObject({
    type: z.literal('hvv:goToStep'),
    id,
    lesson: z.string().check(z.minLength(1), z.maxLength(80), z.regex(/^[A-Za-z0-9_-]+$/)),
    step: z.number().check(z.int(), z.gte(1), z.lte(999)),
  }),
  z.strictObject({ type: z.literal('hvv:configure'), id, config: ConfigSchema }),
  z.strictObject({ type: z.literal('hvv:getState'), id }),
]);

export type Command = z.infer<typeof CommandSchema>;
export type ConfigPayload = z.infer<typeof ConfigSchema>;

export type AppEvent =
  | { type: 'hvv:ready'; version: number }
  | { type: 'hvv:ack'; id?: string | number; command: Command['type']; ok: boolean; errors?: unknown[] }
  | { type: 'hvv:state'; id?: string | number; state: unknown }
  | { type: 'hvv:stepReached'; lesson: string; step: number; steps: number }
  | { type: 'hvv:questionAnswered'; question: string; answer: string; correct: boolean }
  | { type: 'hvv:keyboardReleased' };

/** Counters, exposed in `hvv:state` and `window.hvvEmbed.stats()`. */
export interface MessageStats {
  /** Valid commands executed. */
  accepted: number;
  /** Ignored: did not match the schema. */
  malformed: number;
  /** Ignored: from an origin outside the allow-list. */
  rejectedOrigin: number;
}

/** True when `origin` may command the app: no allow-list, or the origin is on it. */
export function originAllowed(origin: string, allow: readonly string[] | null): boolean {
  if (allow === null) return true;
  return allow.includes(origin);
}

/** Validate a message's data. Never throws. */
export function parseCommand(data: unknown): Command | null {
  const r = CommandSchema.safeParse(data);
  return r.success ? r.data : null;
}

/** What the bridge does for each command; the app wires these to the stores. */
export interface BridgeDeps {
  play(): void;
  pause(): void;
  step(): void;
  /** 1-based step. False for an unknown lesson. */
  goToStep(lesson: string, step: number): boolean;
  configure(config: ConfigPayload): { ok: true } | { ok: false; errors: unknown[] };
  state(): Record<string, unknown>;
}

/** Anything that can receive a message (a Window, a MessagePort, a test double). */
export interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface IncomingMessage {
  data: unknown;
  origin: string;
  source: MessageTarget | null;
}

export interface BridgeOptions {
  /** Allowed parent origins; null = any. */
  allow: readonly string[] | null;
  /** Where unsolicited events go (the parent window); null when not embedded or opened. */
  parent: MessageTarget | null;
  /** Origin of the embedding page from document.referrer, if known. */
  referrerOrigin?: string | null;
  /** Our own window: messages from it are not commands (React DevTools, our own posts). */
  self?: unknown;
}

export interface Bridge {
  handle(e: IncomingMessage): void;
  emit(ev: AppEvent): void;
  stats(): MessageStats;
}

export function createBridge(deps: BridgeDeps, opts: BridgeOptions): Bridge {
  const counts: MessageStats = { accepted: 0, malformed: 0, rejectedOrigin: 0 };
  /** Origins that sent valid commands: they get the unsolicited events too. */
  const seen = new Set<string>();

  const reply = (e: IncomingMessage, ev: AppEvent) => {
    // An opaque origin ("null", sandboxed frames, file://) cannot be targeted safely: no reply.
    if (!e.source || e.origin === 'null' || !e.origin) return;
    e.source.postMessage(ev, e.origin);
  };

  const run = (cmd: Command): AppEvent => {
    const ack = (ok: boolean, errors?: unknown[]): AppEvent => ({ type: 'hvv:ack', id: cmd.id, command: cmd.type, ok, ...(errors ? { errors } : {}) });
    switch (cmd.type) {
      case 'hvv:play':
        deps.play();
        return ack(true);
      case 'hvv:pause':
        deps.pause();
        return ack(true);
      case 'hvv:step':
        deps.step();
        return ack(true);
      case 'hvv:goToStep': {
        const ok = deps.goToStep(cmd.lesson, cmd.step);
        return ack(ok, ok ? undefined : [{ key: 'lesson', value: cmd.lesson, reason: 'unknown-value' }]);
      }
      case 'hvv:configure': {
        const r = deps.configure(cmd.config);
        return r.ok ? ack(true) : ack(false, r.errors);
      }
      case 'hvv:getState':
        return { type: 'hvv:state', id: cmd.id, state: { ...deps.state(), messages: { ...counts } } };
    }
  };

  return {
    handle(e) {
      if (opts.self !== undefined && e.source === opts.self) return;
      if (!originAllowed(e.origin, opts.allow)) {
        counts.rejectedOrigin++;
        return;
      }
      const cmd = parseCommand(e.data);
      if (!cmd) {
        counts.malformed++;
        return;
      }
      counts.accepted++;
      if (e.origin && e.origin !== 'null') seen.add(e.origin);
      let out: AppEvent;
      try {
        out = run(cmd);
      } catch (err) {
        out = { type: 'hvv:ack', id: cmd.id, command: cmd.type, ok: false, errors: [{ reason: 'engine', message: err instanceof Error ? err.message : String(err) }] };
      }
      reply(e, out);
    },
    emit(ev) {
      const parent = opts.parent;
      if (!parent) return;
      const targets = opts.allow ?? (seen.size ? [...seen] : opts.referrerOrigin ? [opts.referrerOrigin] : ['*']);
      for (const t of targets) {
        try {
          parent.postMessage(ev, t);
        } catch {
          // A target origin the browser cannot parse: skip it.
        }
      }
    },
    stats: () => ({ ...counts }),
  };
}

declare global {
  interface Window {
    /** The postMessage bridge's counters (tests and the example page's diagnostics). */
    hvvEmbed?: { stats(): MessageStats };
  }
}

/**
 * Listen for commands on `window` and return the bridge (to emit events). The parent is
 * `window.parent` inside a frame, `window.opener` in a window opened by another page, else none.
 */
export function installPostMessage(deps: BridgeDeps, allow: readonly string[] | null): { bridge: Bridge; dispose(): void } {
  const parent: MessageTarget | null = window.parent !== window ? window.parent : (window.opener as MessageTarget | null) ?? null;
  let referrerOrigin: string | null;
  try {
    referrerOrigin = document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    referrerOrigin = null;
  }
  const bridge = createBridge(deps, { allow, parent, referrerOrigin, self: window });
  const onMessage = (e: MessageEvent) => bridge.handle({ data: e.data, origin: e.origin, source: (e.source as MessageTarget | null) ?? null });
  window.addEventListener('message', onMessage);
  window.hvvEmbed = { stats: bridge.stats };
  return {
    bridge,
    dispose() {
      window.removeEventListener('message', onMessage);
    },
  };
}
