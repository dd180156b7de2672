import { useTranslation } from 'react-i18next';
import { applyUpdate, dismissUpdate, useUpdateReady } from './serviceWorker';
import { btn } from './ui';

/**
 * "A new version is ready": a quiet, non-modal note in a polite live region once a new service
 * worker has installed. It never reloads by itself (a lesson may be under way); "Reload" does,
 * "Later" leaves the new version for the next visit.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const ready = useUpdateReady();
  return (
    <div role="status" aria-live="polite" className="fixed bottom-4 right-4 z-50 max-w-[min(24rem,calc(100vw-2rem))]">
      {ready && (
        <div className="flex flex-wrap items-center gap-2 rounded-lg border border-line bg-panel px-3 py-2 text-sm shadow-lg" data-testid="update-prompt">
          <span className="min-w-0 flex-1">{t('pwa.updateReady')}</span>
          <button type="button" className={btn()} onClick={applyUpdate}>
            {t('pwa.reload')}
          </button>
          <button type="button" className={btn()} onClick={dismissUpdate}>
            {t('pwa.later')}
          </button>
        </div>
      )}
    </div>
  );
}
