/**
 * "PowerShell" (issue 11, what the real tools would show): a side sheet with what
 * Get-VMSwitch, Get-VMNetworkAdapter, Get-NetAdapterVmqQueue, … would print on the simulated host,
 * built by src/export/powershell.ts from the engine's live state (the store's throttled snapshot
 * and configuration), re-read twice a second and redrawn only when the text changes.
 *
 * Each object has a "Show in diagram" button that selects the component it describes (a NIC queue,
 * a VF, a vNIC), so a learner connects the command's output with the picture; on windows narrower
 * than 1800 px the sheet then folds into a small bar (its state kept) so the selection is seen. The output stays in
 * English, as Windows prints it; the explanations around it follow the page language.
 *
 * Loaded lazily (src/view/shell/App.tsx) when opened from the View menu, so the first paint does
 * not carry it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CMDLETS, formatRecord, powershellBlocks, powershellTranscript, PROMPT, renderBlock, type Cmdlet, type PsBlock, type PsHostState } from '../../export/powershell';
import { useSim } from '../../store/simStore';
import { useUi } from '../../store/uiStore';
import { componentLabel } from '../lessons/componentLabel';
import { btn, selectCls } from '../shell/ui';

/** How often the output is re-read from the store (which itself publishes at ~10 Hz). */
const REFRESH_MS = 500;
/** Below this window width "Show in diagram" folds the sheet (it covers the diagram's middle). */
const FOLD_BELOW_PX = 1800;

function hostState(): PsHostState {
  const s = useSim.getState();
  return { config: s.config, vms: s.live.vms, vmqAssignments: s.live.vmqAssignments, vfAssignments: s.live.vfAssignments };
}

/** The blocks for the store's current state, refreshed at REFRESH_MS while the text changes. */
function useBlocks(): PsBlock[] {
  const [blocks, setBlocks] = useState(() => powershellBlocks(hostState()));
  const last = useRef('');
  useEffect(() => {
    const refresh = () => {
      const next = powershellBlocks(hostState());
      const key = JSON.stringify(next);
      if (key === last.current) return;
      last.current = key;
      setBlocks(next);
    };
    refresh();
    const id = setInterval(refresh, REFRESH_MS);
    // A change of configuration (VMQ off, an adapter changed) shows at once, not up to REFRESH_MS later.
    const unsub = useSim.subscribe((s, prev) => {
      if (s.config !== prev.config || s.runId !== prev.runId) refresh();
    });
    return () => {
      clearInterval(id);
      unsub();
    };
  }, []);
  return blocks;
}

/** Top of the sheet: just below the header, which may wrap to two rows on narrow screens. */
function useHeaderBottom(): number {
  const [top, setTop] = useState(56);
  useEffect(() => {
    const measure = () => {
      const header = document.querySelector('header');
      setTop(header ? Math.round(header.getBoundingClientRect().bottom) : 56);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return top;
}

export function PowerShellPanel() {
  const { t } = useTranslation();
  const id = useId();
  const blocks = useBlocks();
  const top = useHeaderBottom();
  const [cmdlet, setCmdlet] = useState<Cmdlet | 'all'>('Get-NetAdapterVmqQueue');
  /** Folded into a small bar at the bottom right, so the diagram behind is seen (state kept). */
  const [folded, setFolded] = useState(false);
  const topology = useSim((s) => s.topology);
  const selection = useSim((s) => s.selection);
  const selected = selection?.kind === 'component' ? selection.id : null;
  const shown = cmdlet === 'all' ? blocks : blocks.filter((b) => b.cmdlet === cmdlet);

  const copy = async () => {
    const text = cmdlet === 'all' ? powershellTranscript(hostState()) : shown.map((b) => renderBlock(b, { notes: true })).join('\n');
    try {
      await navigator.clipboard.writeText(text);
      useUi.getState().setStatus(t('powershell.copied'));
    } catch {
      window.prompt(t('powershell.copyPrompt'), text);
    }
  };

  const show = (component: string) => {
    useSim.getState().select({ kind: 'component', id: component });
    useSim.getState().setHighlight([component]);
    // Below 1800 px the sheet covers the middle of the diagram: fold it so the selection is seen.
    if (window.innerWidth < FOLD_BELOW_PX) setFolded(true);
  };

  if (folded) {
    return (
      <aside
        aria-labelledby={`${id}-title`}
        className="fixed bottom-3 right-3 z-40 flex items-center gap-2 rounded-lg border border-line bg-panel px-3 py-2 shadow-2xl"
        data-testid="powershell-panel"
        data-export-ignore
      >
        <h2 id={`${id}-title`} className="m-0 text-base font-bold">
          {t('header.panel.powershell')}
        </h2>
        <button type="button" aria-expanded={false} className={btn()} onClick={() => setFolded(false)}>
          <span aria-hidden="true">▴ </span>
          {t('powershell.unfold')}
        </button>
        <button type="button" className={btn()} onClick={() => useUi.getState().togglePanel('powershell', false)}>
          {t('powershell.close')}
        </button>
      </aside>
    );
  }

  return (
    <aside
      aria-labelledby={`${id}-title`}
      style={{ top }}
      className="fixed bottom-0 right-0 z-40 flex w-[min(48rem,96vw)] flex-col border-l border-line bg-surface shadow-2xl"
      data-testid="powershell-panel"
      data-export-ignore
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-line bg-panel px-3 py-2">
        <h2 id={`${id}-title`} className="m-0 mr-auto text-base font-bold">
          {t('powershell.title')}
        </h2>
        {/* The label and its picker wrap as one, never apart. */}
        <span className="inline-flex items-center gap-2">
          <label htmlFor={`${id}-cmdlet`} className="text-sm font-semibold">
            {t('powershell.cmdlet')}
          </label>
          <select id={`${id}-cmdlet`} className={`${selectCls} font-mono`} value={cmdlet} onChange={(e) => setCmdlet(e.target.value as Cmdlet | 'all')}>
            {CMDLETS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value="all">{t('powershell.all')}</option>
          </select>
        </span>
        <button type="button" className={btn()} onClick={() => void copy()}>
          {t('powershell.copy')}
        </button>
        <button type="button" aria-expanded={true} className={btn()} onClick={() => setFolded(true)}>
          <span aria-hidden="true">▾ </span>
          {t('powershell.fold')}
        </button>
        <button type="button" className={btn()} onClick={() => useUi.getState().togglePanel('powershell', false)}>
          {t('powershell.close')}
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        <p className="mb-1 text-sm leading-relaxed">{t('powershell.intro')}</p>
        <p className="m-0 text-sm leading-relaxed text-muted">{t('powershell.format')}</p>
        <p className="mb-3 text-sm leading-relaxed text-muted">{t('powershell.english')}</p>
        {shown.map((b) => (
          <section key={b.cmdlet} aria-label={b.cmdlet} className="mb-4" data-cmdlet={b.cmdlet}>
            <pre lang="en" className="m-0 overflow-x-auto rounded-t-md border border-line bg-raised px-3 py-2 font-mono text-base font-semibold">
              <span className="text-muted">{PROMPT}</span>
              {b.command}
            </pre>
            <div className="rounded-b-md border border-t-0 border-line bg-panel px-3 py-2">
              {b.records.length === 0 && <p className="m-0 font-mono text-base text-muted">{t('powershell.noOutput')}</p>}
              {b.records.map((r, i) => {
                const exists = r.component !== null && topology.componentIndex.has(r.component);
                const isSelected = r.component !== null && r.component === selected;
                // The text's basis of 60ch holds the longest line (57 characters): the button wraps
                // below it on a narrow sheet instead of squeezing it into a scroll box.
                return (
                  <div
                    key={i}
                    className={`flex flex-wrap items-start gap-2 border-l-4 py-1.5 pl-2 ${isSelected ? 'border-accent bg-raised' : 'border-transparent'}`}
                    data-testid="ps-record"
                    data-component={r.component ?? undefined}
                    aria-current={isSelected ? 'true' : undefined}
                  >
                    <pre lang="en" className="m-0 min-w-0 max-w-full flex-1 basis-[60ch] overflow-x-auto font-mono text-base leading-snug">{formatRecord(r).join('\n')}</pre>
                    {exists && (
                      <button
                        type="button"
                        className={`${btn(isSelected)} shrink-0`}
                        aria-label={t('powershell.showLabel', { component: componentLabel(t, topology, r.component!) })}
                        aria-pressed={isSelected}
                        onClick={() => show(r.component!)}
                      >
                        <span aria-hidden="true">◎ </span>
                        {t('powershell.show')}
                      </button>
                    )}
                  </div>
                );
              })}
            </div>
            {b.notes.length > 0 && (
              <ul className="mt-1.5 list-disc pl-6 text-sm leading-relaxed text-muted">
                {b.notes.map((n) => (
                  <li key={n.id}>{t(`powershell.notes.${n.id}`, n.params)}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </aside>
  );
}
