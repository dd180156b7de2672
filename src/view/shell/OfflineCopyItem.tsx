import { useTranslation } from 'react-i18next';
import { menuItem } from './ui';

/**
 * "Download offline copy": the single-file build (`hyperv-visualizer.html`, written beside
 * index.html by `npm run build`) that opens by double-click from a folder or a USB stick.
 * Not offered by the offline copy itself, nor by the dev server (which has no such file).
 */
export function OfflineCopyItem() {
  const { t } = useTranslation();
  if (import.meta.env.DEV || import.meta.env.MODE === 'offline') return null;
  return (
    <a href="./hyperv-visualizer.html" download="hyperv-visualizer.html" className={menuItem} data-testid="offline-copy">
      <span className="min-w-0 flex-1">
        {t('header.offlineCopy')}
        <span className="block text-xs font-normal text-muted">{t('header.offlineCopyHint')}</span>
      </span>
    </a>
  );
}
