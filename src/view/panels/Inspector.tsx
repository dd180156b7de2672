import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';
import { ComponentInspector } from './inspector/ComponentInspector';
import { EventInspector } from './inspector/EventInspector';
import { PacketInspector } from './inspector/PacketInspector';
import { NoteList, useComponentName } from './inspector/parts';
import { guest, lp, nic, root } from '../../engine/ids';

export { PathBadge } from './inspector/parts';
export { PacketInspector } from './inspector/PacketInspector';

/** Right panel: what the selected component, packet or event is, with live numbers and costs. */
export function Inspector() {
  const { t } = useTranslation();
  const sel = useSim(selectors.selection);
  // Re-render with the engine's throttled publish (~10 Hz) so numbers stay live.
  useSim(selectors.logVersion);
  let body: ReactNode;
  if (!sel) body = <EmptyInspector />;
  else if (sel.kind === 'component') body = <ComponentInspector id={sel.id} />;
  else if (sel.kind === 'packet') body = <PacketInspector id={sel.id} />;
  else body = <EventInspector seq={sel.seq} packet={sel.packet ?? null} />;
  return (
    <div className="flex flex-col gap-3 p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-bold">{t('inspector.title')}</h2>
        {sel && (
          <button type="button" className="rounded-md border border-line bg-raised px-2 py-1 text-sm font-semibold" onClick={() => useSim.getState().select(null)}>
            {t('inspector.clear')}
          </button>
        )}
      </div>
      {body}
    </div>
  );
}

function EmptyInspector() {
  const { t } = useTranslation();
  const notes = useSim(selectors.notes);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-muted">{t('inspector.empty')}</p>
      <QuickPicks />
      {notes.length > 0 && <NoteList notes={notes} title={t('inspector.recentBecause')} />}
    </div>
  );
}

/** A few well-known components to inspect without the diagram (keyboard users, small screens). */
function QuickPicks() {
  const { t } = useTranslation();
  const name = useComponentName();
  const topo = useSim((s) => s.topology);
  const picks = ['nic', nic.queue(0), nic.queue(1), 'iommu', 'hv', 'root.vswitch', root.netvsp('vm1'), guest.netvsc('vm1'), guest.ringOut('vm1'), guest.ringIn('vm1'), lp(0)].filter((id) =>
    topo.componentIndex.has(id),
  );
  return (
    <div>
      <h3 className="mb-1 text-sm font-bold uppercase tracking-wide text-muted">{t('inspector.quickPicks')}</h3>
      <div className="flex flex-wrap gap-1.5">
        {picks.map((id) => (
          <button
            key={id}
            type="button"
            className="rounded border border-line bg-raised px-2 py-0.5 text-sm hover:bg-panel"
            onClick={() => useSim.getState().select({ kind: 'component', id })}
          >
            {name(id)}
          </button>
        ))}
      </div>
    </div>
  );
}
