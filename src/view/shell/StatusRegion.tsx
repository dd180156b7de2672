import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';
import { useUi } from '../../store/uiStore';

/**
 * One polite live region: short confirmations ("Link copied") are also shown as a toast; the
 * newest because-note is read out for screen-reader users (the diagram shows it visually).
 */
export function StatusRegion() {
  const { t, i18n } = useTranslation();
  const status = useUi((s) => s.status);
  const notes = useSim(selectors.notes);
  const newest = notes[notes.length - 1];

  useEffect(() => {
    if (!status) return;
    const id = setTimeout(() => useUi.getState().setStatus(''), 3000);
    return () => clearTimeout(id);
  }, [status]);

  // The toast holds text translated when it was raised: after a language switch it would stay in
  // the old language for its remaining seconds, so it goes (it was already read out).
  useEffect(() => {
    const drop = () => useUi.getState().setStatus('');
    i18n.on('languageChanged', drop);
    return () => i18n.off('languageChanged', drop);
  }, [i18n]);

  return (
    <>
      <div role="status" aria-live="polite" className="sr-only">
        {newest ? `${t('because.prefix')} ${t(newest.key, newest.params)}` : ''}
      </div>
      <div aria-live="polite" className="hvv-toast pointer-events-none fixed bottom-4 left-1/2 z-50 -translate-x-1/2">
        {status && <div className="rounded-lg border border-line bg-ink px-4 py-2 font-semibold text-panel shadow-lg">{status}</div>}
      </div>
    </>
  );
}
