import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';

/**
 * Problems with the address bar's parameters: each names the parameter, what was wrong and that
 * its default is used instead. Dismissible; the rest of the page works regardless.
 */
export function IssueBanner() {
  const { t } = useTranslation();
  const issues = useSim(selectors.issues);
  if (!issues.length) return null;
  return (
    <div role="alert" className="border-b-2 border-warn bg-raised px-4 py-2">
      <p className="font-semibold">
        <span aria-hidden="true">⚠ </span>
        {t('url.title', { count: issues.length })}
      </p>
      <ul className="mt-1 flex flex-col gap-1">
        {issues.map((i, k) => (
          <li key={`${i.param}-${k}`} className="flex items-start justify-between gap-3">
            <span>{t(`url.issue.${i.reason}`, { param: i.param, value: i.value, expected: i.expected })}</span>
            <button
              type="button"
              className="shrink-0 rounded-md border border-line bg-panel px-2 py-0.5 text-sm font-semibold"
              aria-label={t('url.dismissOne', { param: i.param })}
              onClick={() => useSim.getState().dismissIssue(k)}
            >
              {t('common.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
