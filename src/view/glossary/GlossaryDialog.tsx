import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSim } from '../../store/simStore';
import { componentLabel } from '../lessons/componentLabel';
import { useModalDialog } from '../shell/useModalDialog';
import { GLOSSARY, glossaryKeys, termComponents } from './terms';

const button =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-line bg-panel px-3 py-1.5 text-base font-semibold text-ink hover:bg-raised';

/**
 * The glossary as a modal dialog (loaded on demand: the shell's first paint does not carry it).
 * Each entry's "Show on the diagram" selects the component, highlights every component the term
 * names, and closes the dialog so the diagram and the inspector are in view.
 */
export default function GlossaryDialog({ onClose, focusTerm }: { onClose: () => void; focusTerm?: string | undefined }) {
  const { t } = useTranslation();
  const dialog = useModalDialog(true, onClose);
  const id = useId();
  const [query, setQuery] = useState('');
  const topology = useSim((s) => s.topology);
  const ids = useMemo(() => topology.components.map((c) => c.id), [topology]);
  const q = query.trim().toLowerCase();
  const shown = GLOSSARY.filter((g) => !q || `${t(glossaryKeys.term(g.id))} ${t(glossaryKeys.body(g.id))}`.toLowerCase().includes(q));

  useEffect(() => {
    if (!focusTerm) return;
    const el = document.getElementById(`${id}-${focusTerm}`);
    el?.focus();
    el?.scrollIntoView?.({ block: 'center' });
  }, [focusTerm, id]);

  const show = (components: string[]) => {
    const first = components[0];
    if (!first) return;
    useSim.getState().select({ kind: 'component', id: first });
    useSim.getState().setHighlight(components);
    dialog.onClose();
  };

  return (
    <dialog
      {...dialog}
      aria-labelledby={`${id}-title`}
      data-testid="glossary-dialog"
      className="m-auto flex max-h-[90vh] w-[min(52rem,96vw)] flex-col rounded-xl border border-line bg-panel p-0 text-ink shadow-2xl backdrop:bg-black/50"
    >
      <div className="flex items-start justify-between gap-3 border-b border-line p-5">
        <div>
          <h2 id={`${id}-title`} className="text-2xl font-bold">
            {t('glossary.title')}
          </h2>
          <p className="mt-1 text-base text-muted">{t('glossary.intro')}</p>
        </div>
        <button type="button" className={`${button} shrink-0 whitespace-nowrap`} onClick={() => dialog.onClose()}>
          {t('glossary.close')}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-3 px-5 pt-4">
        <label htmlFor={`${id}-filter`} className="text-base font-semibold">
          {t('glossary.filter')}
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="min-h-11 flex-1 rounded-lg border border-line bg-panel px-3 py-2 text-base text-ink"
        />
        <p role="status" className="text-base text-muted" data-testid="glossary-count">
          {shown.length ? t('glossary.count', { count: shown.length }) : t('glossary.none', { query })}
        </p>
      </div>
      <dl className="grid min-h-0 gap-2 overflow-y-auto p-5" data-testid="glossary-list">
        {shown.map((g) => {
          const comps = termComponents(g, ids);
          const term = t(glossaryKeys.term(g.id));
          return (
            <div
              key={g.id}
              id={`${id}-${g.id}`}
              tabIndex={-1}
              className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 rounded-lg border border-line bg-raised px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent"
              data-term={g.id}
            >
              <dt className="col-start-1 row-start-1 text-lg font-bold">{term}</dt>
              <dd className="col-span-2 row-start-2 text-base leading-relaxed">{t(glossaryKeys.body(g.id))}</dd>
              <dd className="col-start-2 row-start-1 text-right">
                {comps.length ? (
                  <button
                    type="button"
                    className={button}
                    aria-label={t('glossary.showLabel', { term, component: componentLabel(t, topology, comps[0]!) })}
                    onClick={() => show(comps)}
                  >
                    <span aria-hidden="true">◎</span> {t('glossary.show')}
                  </button>
                ) : (
                  <span className="text-base text-muted">{t('glossary.notShown')}</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </dialog>
  );
}
