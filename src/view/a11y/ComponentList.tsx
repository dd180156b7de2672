import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComponentInfo, Place, Topology } from '../../engine/types';
import { useSim } from '../../store/simStore';
import { componentLabel } from '../lessons/componentLabel';
import { useModeUi } from '../presenter/modeUi';

interface Group {
  place: Place;
  components: ComponentInfo[];
}

const PLACE_ORDER = (p: Place): number => (p === 'external' ? 0 : p === 'hardware' ? 1 : p === 'hypervisor' ? 2 : p === 'root' ? 3 : 4 + Number(p.slice(2)));

/** Components grouped by where they live: external, hardware, hypervisor, root, vm1 … vmN. */
export function groupComponents(topology: Topology): Group[] {
  const by = new Map<Place, ComponentInfo[]>();
  for (const c of topology.components) {
    const list = by.get(c.place) ?? [];
    list.push(c);
    by.set(c.place, list);
  }
  return [...by.entries()].sort(([a], [b]) => PLACE_ORDER(a) - PLACE_ORDER(b)).map(([place, components]) => ({ place, components }));
}

const optionId = (id: string) => `complist-${id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/**
 * The diagram as a keyboard-navigable list: every component, grouped by partition, in a listbox
 * (one tab stop; arrows, Home/End move; Enter or Space selects the component in the store, which
 * the diagram and the inspector show). A floating, non-modal panel toggled by "Component list".
 */
export function ComponentList() {
  const { t } = useTranslation();
  const open = useModeUi((s) => s.componentListOpen);
  const topology = useSim((s) => s.topology);
  const selection = useSim((s) => s.selection);
  const groups = useMemo(() => groupComponents(topology), [topology]);
  const flat = useMemo(() => groups.flatMap((g) => g.components.map((c) => c.id)), [groups]);
  const selectedId = selection?.kind === 'component' ? selection.id : null;
  const [active, setActive] = useState<string | null>(null);
  const current = active && flat.includes(active) ? active : (selectedId ?? flat[0] ?? null);

  if (!open) return null;

  const move = (to: string | undefined) => {
    if (!to) return;
    setActive(to);
    document.getElementById(optionId(to))?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = current ? flat.indexOf(current) : -1;
    switch (e.key) {
      case 'ArrowDown':
        move(flat[Math.min(flat.length - 1, i + 1)]);
        break;
      case 'ArrowUp':
        move(flat[Math.max(0, i - 1)]);
        break;
      case 'Home':
        move(flat[0]);
        break;
      case 'End':
        move(flat[flat.length - 1]);
        break;
      case 'PageDown':
        move(flat[Math.min(flat.length - 1, i + 10)]);
        break;
      case 'PageUp':
        move(flat[Math.max(0, i - 10)]);
        break;
      case 'Enter':
      case ' ':
        if (current) useSim.getState().select({ kind: 'component', id: current });
        break;
      case 'Escape':
        useModeUi.getState().setComponentListOpen(false);
        // Back to the toggle, or to the View menu's button when the menu holding it is closed.
        (document.getElementById('component-list-toggle') ?? document.getElementById('view-menu-button'))?.focus();
        break;
      default:
        return;
    }
    // Handled here: the global shortcuts (Space = play, arrows = step) must not also run.
    e.preventDefault();
    e.stopPropagation();
  };

  const placeName = (p: Place) => (p.startsWith('vm') ? t('a11y.place.vm', { vm: p }) : t(`a11y.place.${p}`));

  return (
    <section
      aria-labelledby="complist-title"
      className="fixed bottom-4 left-4 top-28 z-30 flex w-80 max-w-[90vw] flex-col rounded-xl border border-line bg-panel text-ink shadow-2xl"
      data-testid="component-list"
    >
      <div className="flex items-start justify-between gap-2 border-b border-line p-3">
        <div>
          <h2 id="complist-title" className="text-lg font-bold">
            {t('a11y.componentListTitle')}
          </h2>
          <p id="complist-help" className="text-sm text-muted">
            {t('a11y.componentListHelp')}
          </p>
        </div>
        <button
          type="button"
          className="rounded-md border border-line bg-raised px-2 py-1 text-sm font-semibold"
          onClick={() => useModeUi.getState().setComponentListOpen(false)}
        >
          {t('common.close')}
        </button>
      </div>
      <div
        role="listbox"
        tabIndex={0}
        aria-labelledby="complist-title"
        aria-describedby="complist-help"
        aria-activedescendant={current ? optionId(current) : undefined}
        data-owns-arrows=""
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-y-auto p-2"
      >
        {groups.map((g) => (
          <div key={g.place} role="group" aria-labelledby={`complist-g-${g.place}`} className="mb-2">
            <div id={`complist-g-${g.place}`} role="presentation" className="px-2 py-1 text-sm font-bold uppercase tracking-wide text-muted">
              {placeName(g.place)} <span className="font-normal normal-case">({t('a11y.count', { count: g.components.length })})</span>
            </div>
            {g.components.map((c) => {
              const isActive = c.id === current;
              const isSelected = c.id === selectedId;
              return (
                <div
                  key={c.id}
                  id={optionId(c.id)}
                  role="option"
                  aria-selected={isSelected}
                  onClick={() => {
                    setActive(c.id);
                    useSim.getState().select({ kind: 'component', id: c.id });
                  }}
                  className={`flex cursor-pointer items-baseline justify-between gap-2 rounded-md px-2 py-1 ${
                    isSelected ? 'bg-accent text-accent-ink' : 'hover:bg-raised'
                  } ${isActive ? 'outline outline-3 outline-focus' : ''}`}
                >
                  <span className="font-semibold">{componentLabel(t, topology, c.id)}</span>
                  {c.mode && <span className={`text-sm ${isSelected ? '' : 'text-muted'}`}>{t(`a11y.mode.${c.mode}`)}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
