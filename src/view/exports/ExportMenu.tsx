/**
 * Export and save: the diagram as PNG/SVG, the trace (JSONL, same bytes as `npm run sim`), the
 * summary (JSON), a pcapng capture at a chosen vSwitch port or at the wire, scenario files
 * (save/open) and the scenarios saved in this browser (open, rename, delete; corrupt entries are
 * reported and kept). Every error is shown in the user's language with its path in the file.
 *
 * A disclosure button opens a non-modal panel; long exports show progress and can be cancelled.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { capturePointId, capturePoints, parseCapturePoint, type CapturePoint } from '../../export/capture';
import type { Problem } from '../../export/problems';
import type { SavedList } from '../../export/savedScenarios';
import { useSim } from '../../store/simStore';
import { useUi } from '../../store/uiStore';
import { lessonRunner, useLessons } from '../lessons/lessonController';
import { findDiagramRoot, flattenToSvg, svgToPng } from './diagramImage';
import {
  applyScenario,
  captureArtefact,
  checkScenarioText,
  currentScenario,
  download,
  runLabel,
  savedScenarios,
  scenarioArtefact,
  summaryArtefact,
  traceArtefact,
  type Artefact,
} from './exportActions';
import { ProblemList } from './ProblemList';
import { btn as headerBtn } from '../shell/ui';

const btn = 'rounded-md border border-line bg-raised px-2.5 py-1 text-sm font-semibold text-ink hover:bg-panel disabled:cursor-not-allowed disabled:opacity-50';
const primary = 'rounded-md border border-accent bg-accent px-2.5 py-1 text-sm font-semibold text-accent-ink disabled:opacity-50';
const input = 'rounded-md border border-line bg-panel px-2 py-1 text-sm text-ink';

type Busy = { what: string; fraction: number; signal: { aborted: boolean } } | null;

export function ExportMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="relative" data-export-ignore>
      <button ref={buttonRef} type="button" className={headerBtn(open)} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-testid="export-menu-button">
        {t('export.menu')}
      </button>
      {open && (
        <div id={panelId} role="dialog" aria-label={t('export.title')} className="absolute right-0 z-50 mt-1 max-h-[80vh] w-[30rem] max-w-[95vw] overflow-y-auto rounded-lg border border-line bg-panel p-3 text-ink shadow-2xl" data-testid="export-panel">
          <ExportPanel onClose={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="border-t border-line py-2 first:border-t-0 first:pt-0">
      <h3 id={id} className="m-0 mb-1.5 text-xs font-bold uppercase tracking-wide text-muted">
        {title}
      </h3>
      {children}
    </section>
  );
}

export function ExportPanel({ onClose }: { onClose?: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<Busy>(null);
  const [problems, setProblems] = useState<{ title: string; list: Problem[] } | null>(null);
  const [status, setStatus] = useState('');
  const vms = useSim((s) => s.config.vms);
  const [point, setPoint] = useState('wire');
  const [name, setName] = useState(() => runLabel());
  const [saved, setSaved] = useState<SavedList>(() => savedScenarios.list());
  /** Finished file loads (good or bad), exposed as data-load-count so tests know a load is done. */
  const [loads, setLoads] = useState(0);
  const fileId = useId();
  const pointId = useId();
  const nameId = useId();
  const refresh = () => setSaved(savedScenarios.list());

  const say = (s: string) => {
    setStatus(s);
    useUi.getState().setStatus(s);
  };

  /** Run an export with progress; errors become a problem list, never an uncaught exception. */
  const run = async (what: string, make: (p: { onProgress: (f: number) => void; signal: { aborted: boolean } }) => Promise<Artefact> | Artefact) => {
    if (busy) return;
    const signal = { aborted: false };
    setProblems(null);
    setBusy({ what, fraction: 0, signal });
    try {
      let last = 0;
      const a = await make({
        signal,
        onProgress: (fraction) => {
          const now = performance.now();
          if (now - last > 100) {
            last = now;
            setBusy({ what, fraction, signal });
          }
        },
      });
      if (a.info.cancelled) {
        say(t('export.cancelled'));
        return;
      }
      download(a);
      say(t('export.done', { file: a.fileName }) + (a.info.truncated ? ` ${t('export.truncated')}` : ''));
    } catch (err) {
      setProblems({ title: t('export.failed', { what }), list: [{ path: '(file)', key: 'scenarios.problem.rule', params: { detail: err instanceof Error ? err.message : String(err) } }] });
    } finally {
      setBusy(null);
    }
  };

  const diagram = async (format: 'svg' | 'png') => {
    const root = findDiagramRoot();
    if (!root) throw new Error(t('export.noDiagram'));
    const flat = flattenToSvg(root);
    const base = `hyperv-diagram-${runLabel().toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    if (format === 'svg') return { blob: new Blob([flat.svg], { type: 'image/svg+xml' }), fileName: `${base}.svg`, info: { ...flat.counts } };
    return { blob: await svgToPng(flat.svg, flat.width, flat.height, 2), fileName: `${base}.png`, info: { ...flat.counts } };
  };

  const pointOptions: { id: string; label: string }[] = [
    { id: 'wire', label: t('export.capture.wire') },
    { id: 'port:external', label: t('export.capture.external') },
    ...capturePoints(vms.map((v) => v.id))
      .filter((p) => p.kind === 'vm-port')
      .map((p) => ({ id: capturePointId(p), label: t('export.capture.vmPort', { vm: (p as { vm: string }).vm }) })),
    { id: 'all-ports', label: t('export.capture.allPorts') },
  ];
  const selectedPoints = (): CapturePoint[] => {
    if (point === 'all-ports') return capturePoints(vms.map((v) => v.id)).filter((p) => p.kind !== 'wire');
    const p = parseCapturePoint(point);
    return p ? [p] : [{ kind: 'wire' }];
  };

  const lessonPosition = () => {
    const pos = useLessons.getState().position;
    return pos ? { lessonId: pos.lessonId, step: pos.step } : null;
  };

  const openText = (text: string, source: string) => {
    try {
      openChecked(text, source);
    } finally {
      setLoads((n) => n + 1);
    }
  };

  const openChecked = (text: string, source: string) => {
    const checked = checkScenarioText(text);
    if (!checked.ok) {
      setProblems({ title: t('export.scenario.invalid', { source }), list: checked.problems });
      return;
    }
    const applied = applyScenario(checked.scenario);
    if (!applied.ok) {
      setProblems({ title: t('export.scenario.invalid', { source }), list: applied.problems });
      return;
    }
    if (checked.scenario.lesson) lessonRunner().goTo(checked.scenario.lesson.lessonId, checked.scenario.lesson.step);
    setProblems(null);
    setName(checked.scenario.name);
    say(t('export.scenario.loaded', { name: checked.scenario.name }));
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch {
      setProblems({ title: t('export.scenario.invalid', { source: file.name }), list: [{ path: '(file)', key: 'scenarios.problem.notText', params: {} }] });
      setLoads((n) => n + 1);
      return;
    }
    openText(text, file.name);
  };

  const disabled = busy !== null;
  return (
    <div className="flex flex-col gap-1 text-sm" data-load-count={loads}>
      <div className="mb-1 flex items-center justify-between">
        <h2 className="m-0 text-base font-bold">{t('export.title')}</h2>
        {onClose && (
          <button type="button" className={btn} onClick={onClose}>
            {t('export.close')}
          </button>
        )}
      </div>

      {busy && (
        <div className="flex items-center gap-2 rounded-md bg-raised p-2" data-testid="export-busy">
          <progress className="h-3 flex-1" max={1} value={busy.fraction} aria-label={t('export.progress', { what: busy.what })} />
          <span>{Math.round(busy.fraction * 100)}%</span>
          <button type="button" className={btn} onClick={() => (busy.signal.aborted = true)}>
            {t('export.cancel')}
          </button>
        </div>
      )}
      {problems && <ProblemList problems={problems.list} title={problems.title} testId="export-problems" />}
      <p className="sr-only" aria-live="polite" data-testid="export-status">
        {status}
      </p>
      {status && !problems && <p className="m-0 text-muted" aria-hidden="true">{status}</p>}

      <Section title={t('export.diagram.title')}>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={btn} disabled={disabled} onClick={() => void run('PNG', () => diagram('png'))}>
            {t('export.diagram.png')}
          </button>
          <button type="button" className={btn} disabled={disabled} onClick={() => void run('SVG', () => diagram('svg'))}>
            {t('export.diagram.svg')}
          </button>
        </div>
        <p className="m-0 mt-1 text-xs text-muted">{t('export.diagram.hint')}</p>
      </Section>

      <Section title={t('export.data.title')}>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={btn} disabled={disabled} onClick={() => void run('JSONL', (p) => traceArtefact(p))}>
            {t('export.data.trace')}
          </button>
          <button type="button" className={btn} disabled={disabled} onClick={() => void run('JSON', () => summaryArtefact())}>
            {t('export.data.summary')}
          </button>
        </div>
        <p className="m-0 mt-1 text-xs text-muted">{t('export.data.hint')}</p>
      </Section>

      <Section title={t('export.capture.title')}>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={pointId} className="text-muted">
            {t('export.capture.point')}
          </label>
          <select id={pointId} className={input} value={point} onChange={(e) => setPoint(e.target.value)}>
            {pointOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="button" className={btn} disabled={disabled} onClick={() => void run('pcapng', (p) => captureArtefact(selectedPoints(), p))}>
            {t('export.capture.button')}
          </button>
        </div>
        <p className="m-0 mt-1 text-xs text-muted">{t('export.capture.hint')}</p>
      </Section>

      <Section title={t('export.scenario.title')}>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={nameId} className="text-muted">
            {t('export.scenario.name')}
          </label>
          <input id={nameId} className={`${input} min-w-0 flex-1`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="mt-2 flex flex-wrap gap-2">
          <button type="button" className={btn} disabled={disabled || !name.trim()} onClick={() => void run('JSON', () => scenarioArtefact(currentScenario(name, lessonPosition())))}>
            {t('export.scenario.saveFile')}
          </button>
          <button
            type="button"
            className={btn}
            disabled={disabled || !name.trim()}
            onClick={() => {
              const r = savedScenarios.save(currentScenario(name, lessonPosition()));
              if (r.ok) say(t('export.scenario.savedBrowser', { name }));
              else setProblems({ title: t('export.scenario.saveFailed'), list: r.problems });
              refresh();
            }}
          >
            {t('export.scenario.saveBrowser')}
          </button>
          <label htmlFor={fileId} className={`${btn} cursor-pointer`}>
            {t('export.scenario.openFile')}
          </label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            data-testid="scenario-file-input"
            onChange={(e) => {
              void onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
      </Section>

      <Section title={t('export.saved.title')}>
        <SavedScenarioList list={saved} onChange={refresh} onOpen={(text, label) => openText(text, label)} onProblems={(title, list) => setProblems({ title, list })} say={say} />
      </Section>
    </div>
  );
}

function SavedScenarioList({ list, onChange, onOpen, onProblems, say }: { list: SavedList; onChange: () => void; onOpen: (text: string, label: string) => void; onProblems: (title: string, list: Problem[]) => void; say: (s: string) => void }) {
  const { t, i18n } = useTranslation();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const renameId = useId();
  if (list.storageError) return <ProblemList problems={[list.storageError]} title={t('export.saved.unavailable')} />;
  if (list.entries.length === 0 && list.corrupt.length === 0) return <p className="m-0 text-muted">{t('export.saved.empty')}</p>;
  const when = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(i18n.language);
  };
  return (
    <div className="flex flex-col gap-2">
      <ul className="m-0 flex list-none flex-col gap-1 p-0" aria-label={t('export.saved.title')} data-testid="saved-list">
        {list.entries.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-1.5 rounded-md border border-line p-1.5" data-saved-id={e.id}>
            {renaming?.id === e.id ? (
              <form
                className="flex flex-1 gap-1"
                onSubmit={(ev) => {
                  ev.preventDefault();
                  const r = savedScenarios.rename(e.id, renaming.name);
                  if (!r.ok) onProblems(t('export.saved.renameFailed'), r.problems);
                  else say(t('export.saved.renamed', { name: r.value.name }));
                  setRenaming(null);
                  onChange();
                }}
              >
                <label htmlFor={renameId} className="sr-only">
                  {t('export.saved.newName', { name: e.name })}
                </label>
                <input id={renameId} className={`${input} min-w-0 flex-1`} value={renaming.name} maxLength={200} autoFocus onChange={(ev) => setRenaming({ id: e.id, name: ev.target.value })} />
                <button type="submit" className={primary}>
                  {t('export.saved.ok')}
                </button>
                <button type="button" className={btn} onClick={() => setRenaming(null)}>
                  {t('export.saved.cancel')}
                </button>
              </form>
            ) : (
              <>
                <span className="min-w-0 flex-1">
                  <span className="font-semibold">{e.name}</span> <span className="text-xs text-muted">{when(e.savedAt)}</span>
                </span>
                <button type="button" className={btn} aria-label={t('export.saved.openNamed', { name: e.name })} onClick={() => onOpen(savedScenarios.raw(e.id) ?? '', e.name)}>
                  {t('export.saved.open')}
                </button>
                <button type="button" className={btn} aria-label={t('export.saved.renameNamed', { name: e.name })} onClick={() => setRenaming({ id: e.id, name: e.name })}>
                  {t('export.saved.rename')}
                </button>
                <button
                  type="button"
                  className={btn}
                  aria-label={t('export.saved.deleteNamed', { name: e.name })}
                  onClick={() => {
                    if (!window.confirm(t('export.saved.confirmDelete', { name: e.name }))) return;
                    savedScenarios.remove(e.id);
                    say(t('export.saved.deleted', { name: e.name }));
                    onChange();
                  }}
                >
                  {t('export.saved.delete')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {list.corrupt.length > 0 && (
        <div data-testid="saved-corrupt">
          <p className="m-0 font-semibold text-danger">{t('export.saved.corrupt', { count: list.corrupt.length })}</p>
          <ul className="m-0 flex list-none flex-col gap-1 p-0">
            {list.corrupt.map((c) => (
              <li key={c.id} className="rounded-md border border-danger p-1.5">
                <ProblemList problems={c.problems} title={t('export.saved.corruptEntry', { id: c.id })} />
                <div className="mt-1 flex gap-1.5">
                  <button
                    type="button"
                    className={btn}
                    aria-label={t('export.saved.downloadRawNamed', { id: c.id })}
                    onClick={() => download({ blob: new Blob([savedScenarios.raw(c.id) ?? ''], { type: 'application/json' }), fileName: `corrupt-${c.id.replace(/[^a-z0-9-]/gi, '_')}.json`, info: {} })}
                  >
                    {t('export.saved.downloadRaw')}
                  </button>
                  <button
                    type="button"
                    className={btn}
                    aria-label={t('export.saved.deleteCorruptNamed', { id: c.id })}
                    onClick={() => {
                      if (!window.confirm(t('export.saved.confirmDeleteCorrupt', { id: c.id }))) return;
                      savedScenarios.remove(c.id);
                      onChange();
                    }}
                  >
                    {t('export.saved.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
