import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { selectors, useSim } from '../../store/simStore';
import { PathBadge } from '../panels/Inspector';

// The diagram is written in src/view/diagram by another engineer. Until Diagram.tsx exists the
// glob is empty and a text summary of the live routes stands in its place.
const mods = import.meta.glob<{ Diagram: ComponentType }>('../diagram/Diagram.tsx', { eager: true });
const Diagram: ComponentType | undefined = Object.values(mods)[0]?.Diagram;

export function DiagramSlot() {
  return Diagram ? <Diagram /> : <DiagramPlaceholder />;
}

/** Per-VM routes and because-notes as text: what the diagram will show, in words. */
function DiagramPlaceholder() {
  const { t } = useTranslation();
  const vms = useSim(selectors.liveVms);
  const notes = useSim(selectors.notes);
  return (
    <div className="h-full overflow-auto p-6" data-testid="diagram-placeholder">
      <p className="mb-3 text-muted">{t('shell.diagramPlaceholder')}</p>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-2">
        {vms.map((v) => (
          <li key={v.id} className="rounded-lg border border-line bg-panel p-3">
            <button type="button" className="font-mono font-semibold underline" onClick={() => useSim.getState().select({ kind: 'component', id: `${v.id}.netvsc` })}>
              {v.id}
            </button>
            <div>
              <PathBadge path={v.activePath} />
            </div>
            <div className="text-sm text-muted">
              {v.vmqQueue !== null ? t('inspector.vm.rxQueue', { queue: v.vmqQueue, lp: v.rxLp }) : t('inspector.vm.rxDefault', { lp: v.rxLp })}
              {v.vf !== null ? ` · VF ${v.vf}` : ''}
            </div>
          </li>
        ))}
      </ul>
      {notes.length > 0 && (
        <ul className="mt-4 flex flex-col gap-1">
          {notes.map((n) => (
            <li key={n.id} className="rounded border-l-4 border-accent bg-panel px-2 py-1">
              <span className="font-semibold">{t('because.prefix')}</span> {t(n.key, n.params)} <span className="font-mono text-sm text-muted">@ {n.componentId}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
