/**
 * Presentation window ⇄ speaker-notes window, over a BroadcastChannel (same origin only). The
 * presentation window owns the state and publishes it; the notes window renders it and sends
 * commands back (a clicker may be focused on either window).
 *
 * Each presentation gets its own channel name (`hvv-notes-<session>`, the session travels in
 * the notes window's URL), so two presentations in two tabs do not steer each other.
 */
import type { Position } from '../../lessons/runner';

export interface NotesState {
  kind: 'state';
  lang: string;
  position: Position | null;
  playing: boolean;
  blanked: boolean;
  simTimeNs: number;
}

export type NotesCommand = 'next' | 'prev' | 'blank' | 'pause';

export type NotesMessage = NotesState | { kind: 'hello' } | { kind: 'cmd'; cmd: NotesCommand };

export const channelName = (session: string) => `hvv-notes-${session}`;

/** Accept only well-formed messages (another page of the same origin could post anything). */
export function asNotesMessage(d: unknown): NotesMessage | null {
  if (!d || typeof d !== 'object') return null;
  const m = d as Record<string, unknown>;
  if (m.kind === 'hello') return { kind: 'hello' };
  if (m.kind === 'cmd' && (m.cmd === 'next' || m.cmd === 'prev' || m.cmd === 'blank' || m.cmd === 'pause')) return { kind: 'cmd', cmd: m.cmd };
  if (m.kind === 'state' && typeof m.lang === 'string' && typeof m.playing === 'boolean' && typeof m.blanked === 'boolean' && typeof m.simTimeNs === 'number') {
    const p = m.position as Record<string, unknown> | null;
    const position = p && typeof p.lessonId === 'string' && typeof p.step === 'number' ? { lessonId: p.lessonId, step: p.step } : null;
    return { kind: 'state', lang: m.lang, position, playing: m.playing, blanked: m.blanked, simTimeNs: m.simTimeNs };
  }
  return null;
}

export function openChannel(session: string): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(channelName(session));
}
