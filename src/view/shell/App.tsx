import { useTranslation } from 'react-i18next';
import { useSim } from '../../store/simStore';

/** Temporary first page: live counters of the default scenario (replaced by the full shell). */
export function App() {
  const { t } = useTranslation();
  const live = useSim((s) => s.live);
  return (
    <main className="p-6">
      <h1 className="text-2xl font-semibold">{t('app.title')}</h1>
      <p className="text-muted">{t('app.tagline')}</p>
      <dl className="mt-4 grid grid-cols-2 gap-2 max-w-md font-mono" data-testid="live-counters">
        <dt>sent</dt><dd data-testid="sent">{live.accounting.sent}</dd>
        <dt>delivered</dt><dd>{live.accounting.delivered}</dd>
        <dt>dropped</dt><dd>{live.accounting.dropped}</dd>
        <dt>in flight</dt><dd>{live.accounting.inFlight}</dd>
        <dt>events</dt><dd data-testid="events">{live.events}</dd>
        <dt>t (ns)</dt><dd>{live.simTimeNs}</dd>
      </dl>
    </main>
  );
}
