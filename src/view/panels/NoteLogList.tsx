import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNoteLog, type LoggedNote } from '../../store/noteLog';
import { useSim } from '../../store/simStore';
import { useComponentName } from './inspector/parts';

/** The text of a logged note, as the diagram showed it. */
export function loggedNoteText(n: LoggedNote, t: (k: string, o?: Record<string, unknown>) => string): string {
  return n.kind === 'pending' ? t('pending.cue', { vm: n.params.vm, step: t(`pending.step.${n.params.step}`) }) : t(n.key, n.params);
}

/**
 * The run's notes inside the event log: every "because" note and pending step, with its simulated
 * time, after the diagram has let it go (notes there fade, and at most a few show at once). Folded
 * to one line with the newest note; opened, a list whose rows select the note's component.
 */
export function NoteLogList() {
  const { t } = useTranslation();
  const entries = useNoteLog((s) => s.entries);
  const name = useComponentName();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (entries.length === 0) return null;
  const newest = entries[entries.length - 1] as LoggedNote;
  return (
    <div className="border-b border-line px-3 py-1 text-sm" data-testid="log-notes">
      <div className="flex min-w-0 items-center gap-2">
        <button
          type="button"
          className="shrink-0 rounded-md border border-line bg-raised px-2 py-0.5 font-semibold"
          aria-expanded={open}
          aria-controls={listId}
          title={open ? t('log.notes.hide') : t('log.notes.show')}
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {t('log.notes.title', { count: entries.length })}
        </button>
        {!open && <span className="min-w-0 truncate text-muted">{t('log.notes.newest', { text: loggedNoteText(newest, t) })}</span>}
      </div>
      {open && (
        <ol id={listId} aria-label={t('log.notes.listLabel')} className="mt-1 max-h-40 overflow-y-auto">
          {entries.map((n) => {
            const text = loggedNoteText(n, t);
            return (
              <li key={n.id} className="grid grid-cols-[5.5rem_5rem_minmax(0,1fr)] items-baseline gap-x-3 py-0.5" data-kind={n.kind}>
                <span className="font-mono tabular-nums">{(n.atNs / 1000).toFixed(3)}</span>
                <span className={n.kind === 'pending' ? 'font-semibold text-warn' : 'font-semibold'}>
                  <span aria-hidden="true">{n.kind === 'pending' ? '… ' : '▸ '}</span>
                  {t(`log.notes.${n.kind}`)}
                </span>
                <button
                  type="button"
                  className="min-w-0 text-left hover:underline"
                  title={t('log.notes.select', { component: name(n.componentId) })}
                  onClick={() => useSim.getState().select({ kind: 'component', id: n.componentId })}
                >
                  {text}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
