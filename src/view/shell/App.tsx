import { lazy, memo, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { withAllText } from '../../i18n';
import { useSim } from '../../store/simStore';
import { useUi } from '../../store/uiStore';
import { DiagramSlot as DiagramSlotInner } from './DiagramSlot';
import { ErrorBoundary } from './ErrorBoundary';
import { Header as HeaderInner } from './Header';
import { IssueBanner as IssueBannerInner } from './IssueBanner';
import { PendingStrip as PendingStripInner } from './PendingStrip';
import { PlaybackBar as PlaybackBarInner } from './PlaybackBar';
import { StatusRegion as StatusRegionInner } from './StatusRegion';
import { useShortcuts } from './useShortcuts';
import { btn } from './ui';
import { ModeLayer as ModeLayerInner } from '../presenter/ModeLayer';
import { pageKind } from '../presenter/pageMode';
import { preloadable } from './preloadable';
import { preloadGlossary } from '../glossary/glossaryDialogLazy';

// Lessons, metrics and exports load after the first paint: the diagram comes first.
const LessonsDock = lazy(withAllText(() => import('../lessons/LessonsDock').then((m) => ({ default: memo(m.LessonsDock) }))));
// The controls, the inspector, the event log (and its virtualizer) and the embed and speaker-notes pages are chunks of their own.
const ShortcutsDialog = lazy(withAllText(() => import('./ShortcutsDialog').then((m) => ({ default: memo(m.ShortcutsDialog) }))));
const { Component: ControlsPanel, preload: loadControls } = preloadable(withAllText(() => import('../panels/ControlsPanel').then((m) => ({ default: memo(m.ControlsPanel) }))));
const { Component: Inspector, preload: loadInspector } = preloadable(withAllText(() => import('../panels/Inspector').then((m) => ({ default: memo(m.Inspector) }))));
/**
 * The inspector's code is fetched once the page is idle, not on the first click on a packet, and
 * once here it renders without suspending (see preloadable.tsx): that first click waited ≈300 ms
 * at 10,000 packets in flight (issue 13).
 */
const PRELOAD_INSPECTOR_MS = 1500;
const { Component: EventLogPanel, preload: loadEventLog } = preloadable(withAllText(() => import('../panels/EventLogPanel').then((m) => ({ default: memo(m.EventLogPanel) }))));
const OverloadNote = lazy(withAllText(() => import('../overload/OverloadNote').then((m) => ({ default: memo(m.OverloadNote) }))));
const EmbedApp = lazy(withAllText(() => import('../embed/EmbedApp').then((m) => ({ default: m.EmbedApp }))));
// The "new version: reload" prompt and the service worker's state (after the first paint too).
const UpdatePrompt = lazy(withAllText(() => import('./UpdatePrompt').then((m) => ({ default: m.UpdatePrompt }))));
// The PowerShell output sheet (issue 11): its code and the cmdlet formatter load when it is opened.
const PowerShellPanel = lazy(withAllText(() => import('../powershell/PowerShellPanel').then((m) => ({ default: m.PowerShellPanel }))));
const SpeakerNotes = lazy(withAllText(() => import('../presenter/SpeakerNotes').then((m) => ({ default: m.SpeakerNotes }))));

/*
 * Every part of the shell is memoised (none takes props that change): opening or closing a panel
 * re-renders the shell's frame only, not the controls, diagram and playback bar inside it, which
 * kept a packet click ≈10 ms longer at 10,000 packets in flight (issue 13).
 */
const DiagramSlot = memo(DiagramSlotInner);
const Header = memo(HeaderInner);
const IssueBanner = memo(IssueBannerInner);
const PendingStrip = memo(PendingStripInner);
const PlaybackBar = memo(PlaybackBarInner);
const StatusRegion = memo(StatusRegionInner);
const ModeLayer = memo(ModeLayerInner);

/** Below this width the side panels become drawers over the diagram, closed by default. */
const NARROW_PX = 1024;
const isNarrow = () => typeof window !== 'undefined' && window.innerWidth < NARROW_PX;
/**
 * Below this width both side panels and the lessons tab would leave the diagram a third of the
 * window: the inspector starts closed and opens when something is selected.
 */
const COMPACT_PX = 1800;
const isShort = () => typeof window !== 'undefined' && window.innerHeight < 1000;
const isCompact = () => typeof window !== 'undefined' && window.innerWidth < COMPACT_PX;

/**
 * Which panels a window of this size opens with; called once before the first render (main.tsx),
 * so no panel appears for a frame and then folds away (that would shift the whole diagram just as
 * the page appears). The diagram comes first: below 1024 px the controls are a closed drawer;
 * below 1800 px wide the inspector waits for a selection (a link that carries one opens with the
 * inspector showing it); on screens shorter than 1000 px the event log starts folded into a bar.
 * A link with `?panel=powershell` opens the PowerShell sheet (`search`: the address as the page opened).
 */
export function openInitialPanels(search = '') {
  const ui = useUi.getState();
  if (isNarrow()) ui.togglePanel('controls', false);
  if (isCompact()) ui.togglePanel('inspector', useSim.getState().selection !== null);
  if (isShort()) ui.togglePanel('log', false);
  // `?panel=powershell` opens the PowerShell sheet (as `?panel=metrics` opens the metrics).
  if (new URLSearchParams(search).get('panel') === 'powershell') ui.togglePanel('powershell', true);
}

/**
 * The app shell: header, controls (left), diagram with the playback bar (centre), inspector
 * (right), event log (bottom). Nothing here animates by itself: when the simulation is paused the
 * page is still.
 */
export function App() {
  const { t } = useTranslation();
  const panels = useUi((s) => s.panels);
  useShortcuts();

  useEffect(() => {
    // The panels a gesture opens (a click on a packet, the log bar, a drawer toggle, the glossary)
    // are fetched at idle, so the first opening is as quick as the next.
    const id = setTimeout(() => {
      for (const load of [loadInspector, loadEventLog, loadControls, preloadGlossary]) void load().catch(() => undefined);
    }, PRELOAD_INSPECTOR_MS);
    return () => clearTimeout(id);
  }, []);

  useEffect(() => {
    // A selection made between openInitialPanels and this first commit (the first render is a
    // transition, so the gap can be long: a link's `sel=`, a script's hvv.select) opens it too.
    if (isCompact() && useSim.getState().selection !== null) useUi.getState().togglePanel('inspector', true);
    return useSim.subscribe((s, prev) => {
      if (s.selection === prev.selection || !isCompact()) return;
      useUi.getState().togglePanel('inspector', s.selection !== null);
    });
  }, []);

  // ?embed=1 and the speaker-notes window are pages of their own (src/view/embed, src/view/presenter).
  if (pageKind === 'embed' || pageKind === 'notes') {
    return <Suspense fallback={null}>{pageKind === 'embed' ? <EmbedApp /> : <SpeakerNotes />}</Suspense>;
  }
  const drawer = 'max-lg:fixed max-lg:inset-y-0 max-lg:z-40 max-lg:w-[min(24rem,90vw)] max-lg:shadow-2xl';
  // On phones the inspector is a bottom sheet: the diagram stays visible above it.
  const sheet = 'max-sm:!inset-x-0 max-sm:!top-auto max-sm:bottom-0 max-sm:h-[55vh] max-sm:!w-full max-sm:rounded-t-xl max-sm:border-l-0 max-sm:border-t';
  return (
    <div className="flex h-full flex-col bg-surface text-ink">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:bg-panel focus:p-2">
        {t('app.skip')}
      </a>
      <Header />
      <IssueBanner />
      <div className="flex min-h-0 flex-1">
        {panels.controls && (
          <aside aria-label={t('header.panel.controls')} className={`${drawer} max-lg:left-0 w-72 shrink-0 overflow-y-auto border-r border-line bg-surface 2xl:w-80`}>
            <CloseDrawer panel="controls" />
            <ErrorBoundary area="controls">
              <Suspense fallback={null}>
                <ControlsPanel />
              </Suspense>
            </ErrorBoundary>
          </aside>
        )}
        <main id="main" className="flex min-w-0 flex-1 flex-col" aria-label={t('app.main')}>
          <PlaybackBar />
          <div className="relative min-h-0 flex-1 bg-surface">
            <PendingStrip />
            <DiagramSlot />
            <Suspense fallback={null}>
              <OverloadNote />
            </Suspense>
          </div>
          {panels.log ? (
            <div className="hvv-logpanel h-[28vh] min-h-36 border-t border-line">
              <ErrorBoundary area="event log">
                <Suspense fallback={null}>
                  <EventLogPanel />
                </Suspense>
              </ErrorBoundary>
            </div>
          ) : (
            <LogBar />
          )}
        </main>
        {panels.inspector && (
          <aside aria-label={t('inspector.title')} className={`${drawer} ${sheet} max-lg:right-0 w-80 shrink-0 overflow-y-auto border-l border-line bg-panel 2xl:w-96`} data-testid="inspector-panel">
            <CloseDrawer panel="inspector" />
            <ErrorBoundary area="inspector">
              <Suspense fallback={null}>
                <Inspector />
              </Suspense>
            </ErrorBoundary>
          </aside>
        )}
        <ErrorBoundary area="lessons">
          <Suspense fallback={<LessonsTabPlaceholder />}>
            <LessonsDock />
          </Suspense>
        </ErrorBoundary>
      </div>
      {panels.powershell && (
        <ErrorBoundary area="powershell">
          <Suspense fallback={null}>
            <PowerShellPanel />
          </Suspense>
        </ErrorBoundary>
      )}
      <Suspense fallback={null}>
        <ShortcutsDialog />
      </Suspense>
      <StatusRegion />
      <Suspense fallback={null}>
        <UpdatePrompt />
      </Suspense>
      <ModeLayer />
    </div>
  );
}

/** The event log folded into one line: its size and a button to unfold it. */
const LogBar = memo(function LogBar() {
  const { t } = useTranslation();
  const events = useSim((s) => s.live.events);
  return (
    <div className="hvv-logbar flex items-center gap-3 border-t border-line bg-panel px-4 py-1.5 text-sm">
      <button
        type="button"
        aria-expanded={false}
        className={btn()}
        onClick={() => useUi.getState().togglePanel('log', true)}
      >
        <span aria-hidden="true">▸ </span>
        {t('header.panel.log')}
      </button>
      <span className="font-mono text-muted">{t('log.eventCount', { count: events })}</span>
    </div>
  );
});

/** The closed lessons tab's place, held until the dock's code arrives (no sideways jump of the diagram). */
function LessonsTabPlaceholder() {
  const { t } = useTranslation();
  return (
    <div aria-hidden="true" className="flex shrink-0 border-l border-line bg-panel max-sm:hidden">
      <span className="invisible min-h-11 px-2 py-4 text-lg font-semibold [writing-mode:vertical-rl]">{t('lessons.ui.dockOpen')}</span>
    </div>
  );
}

function CloseDrawer({ panel }: { panel: 'controls' | 'inspector' }) {
  const { t } = useTranslation();
  return (
    <div className="flex justify-end p-2 lg:hidden">
      <button type="button" className={btn()} onClick={() => useUi.getState().togglePanel(panel, false)}>
        {t('common.close')}
      </button>
    </div>
  );
}
