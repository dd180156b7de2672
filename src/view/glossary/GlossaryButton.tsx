import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERM_FOR_KIND, glossaryKeys } from './terms';
import { GlossaryDialog } from './glossaryDialogLazy';

const style =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg border border-line bg-panel px-4 py-2 text-lg font-semibold text-ink hover:bg-raised';

/**
 * A button that opens the glossary (from a lesson step, the inspector, …); `term` opens it with
 * that entry in focus.
 */
export function GlossaryButton({ term, className = style }: { term?: string | undefined; className?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const name = term ? t(glossaryKeys.term(term)) : '';
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={term ? t('glossary.lookUpLabel', { term: name }) : t('glossary.openLabel')}
        aria-haspopup="dialog"
        data-testid="glossary-open"
        onClick={() => setOpen(true)}
      >
        {term ? t('glossary.lookUp') : t('glossary.open')}
      </button>
      {open && (
        <Suspense fallback={<span role="status">{t('glossary.loading')}</span>}>
          <GlossaryDialog focusTerm={term} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}

const small =
  'inline-flex min-h-11 items-center gap-2 self-start rounded-lg border border-line bg-panel px-3 py-1.5 text-base font-semibold text-ink hover:bg-raised';

/** The inspector's link: the glossary, open at the entry for the selected component's kind. */
export function ComponentGlossaryLink({ kind }: { kind: string }) {
  const term = TERM_FOR_KIND[kind];
  return term ? <GlossaryButton term={term} className={small} /> : null;
}
