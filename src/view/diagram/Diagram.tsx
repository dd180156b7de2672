/**
 * The live diagram of the whole host: React Flow nodes and edges from the pure `layout()`, the
 * packet overlay on top, and the legend. Mount it in a container that gives it its full size.
 *
 * Per-frame work never goes through React: nodes subscribe to their own live numbers by id
 * (10 Hz store publishes) and packets are drawn by the overlay in the clock's frame callback.
 */
import {
  ControlButton,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  useStoreApi,
  type NodeMouseHandler,
} from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { onFrame, useSim } from '../../store/simStore';
import { PacketOverlay, type PacketPicker } from '../overlay/PacketOverlay';
import { pollMetrics, useDiagramUi } from './diagramStore';
import { chooseLevel, labelBudget, layout, LEVEL_LABEL_PX, type DetailLevel, type DiagramNode, type LayoutResult } from './layout';
import { clearFocus, focusSelection, focusTarget, useFocus } from '../../store/focus';
import { FocusBar } from './FocusBar';
import { useTheme } from '../../store/theme';
import { pageKind } from '../presenter/pageMode';
import { Legend } from './Legend';
import { edgeTypes, nodeTypes } from './nodeTypes';
import './diagram.css';
// Embedded (iframe or ?embed=1): the wheel scrolls the host page; Ctrl/Cmd + wheel and the buttons zoom.
import { embedFlowProps } from '../embed/embedFlow';

// The notes layer (placement, text measure) loads just after the first paint: a fresh page has no
// note to place, and its code kept the first paint over the bundle budget.
const NotesLayer = lazy(() => import('./notes/NotesLayer').then((m) => ({ default: m.NotesLayer })));

/** Below this zoom, secondary text is hidden and labels grow (see diagram.css). */
const LOD_FAR_BELOW = 0.8;

/** Below this pane width the legend uses short labels. */
const NARROW_BELOW = 900;

const FIT = { padding: { top: '12px', left: '12px', right: '52px', bottom: '52px' }, minZoom: 0.2, maxZoom: 1.6 } as const;
/** Small panes (embeds, phones) fit with less margin: every pixel goes to the diagram. */
const FIT_SMALL = { ...FIT, padding: { top: '6px', left: '6px', right: '40px', bottom: '6px' } } as const;
const SMALL_BELOW = 720;
/** A pane narrower than this and taller than wide uses the minimal level's phone arrangement. */
const NARROW_PANE_BELOW = 520;
/** A phone's pane: the legend and the lessons pill sit over its bottom, so the fit keeps clear of them. */
const FIT_PHONE = { ...FIT, padding: { top: '6px', left: '6px', right: '40px', bottom: '64px' } } as const;
/** The fit padding in pixels (left + right, top + bottom), for choosing the level. */
const padOf = (w: number, phone: boolean) => (phone ? { x: 46, y: 70 } : w < SMALL_BELOW ? { x: 46, y: 12 } : { x: 64, y: 64 });

/** The diagram, with its own React Flow provider. */
export function Diagram() {
  return (
    <ReactFlowProvider>
      <DiagramCanvas />
    </ReactFlowProvider>
  );
}

function DiagramCanvas() {
  const { t, i18n } = useTranslation();
  const topology = useSim((s) => s.topology);
  const expanded = useDiagramUi((s) => s.expanded);
  const detail = useDiagramUi((s) => s.detail);
  const setDetail = useDiagramUi((s) => s.setDetail);
  const presenter = useTheme((s) => s.presenter);
  const rf = useReactFlow();
  const wrapRef = useRef<HTMLDivElement | null>(null);
  const [narrow, setNarrow] = useState(false);
  const [pane, setPane] = useState<{ w: number; h: number } | null>(null);

  // A narrow portrait pane (a phone) gets the minimal level's one-column arrangement, so it fits
  // the width at the zoom its labels need instead of opening with both sides cut.
  const narrowPane = !!pane && pane.w < NARROW_PANE_BELOW && pane.h > pane.w;
  // One layout per level, computed when first needed and kept until the topology changes.
  const layouts = useMemo(() => {
    const cache = new Map<DetailLevel, LayoutResult>();
    return (level: DetailLevel) => {
      let l = cache.get(level);
      if (!l) cache.set(level, (l = layout(topology, { expanded, level, narrow: narrowPane })));
      return l;
    };
  }, [topology, expanded, narrowPane]);
  // Show less, not smaller: the most detailed level whose labels meet the budget at the fit zoom.
  const choice = useMemo(() => {
    if (!pane) return null;
    const budget = labelBudget({ presenter, embed: pageKind === 'embed', windowW: window.innerWidth, windowH: window.innerHeight });
    return chooseLevel((l) => layouts(l).bounds, pane.w, pane.h, budget, padOf(pane.w, narrowPane));
  }, [pane, presenter, layouts, narrowPane]);
  const level: DetailLevel = detail !== 'auto' ? detail : (choice?.level ?? 'full');
  // "Focus on this path": only the components a packet or a VM uses, laid out larger.
  // (Its layout is loaded when first asked for: it is not part of the first paint.)
  const focus = useFocus((s) => s.focus);
  const [focusMod, setFocusMod] = useState<typeof import('./layout/focus') | null>(null);
  useEffect(() => {
    if (focus && !focusMod) void import('./layout/focus').then((m) => setFocusMod(m));
  }, [focus, focusMod]);
  const focused = useMemo(() => {
    if (!focus || !focusMod) return null;
    const l = focusMod.focusLayout(topology, focus.ids);
    return l.nodeOf.size ? l : null;
  }, [focus, focusMod, topology]);
  const result = focused ?? layouts(level);
  const fit = useMemo(() => {
    const budget = labelBudget({ presenter, embed: pageKind === 'embed', windowW: window.innerWidth, windowH: window.innerHeight });
    const minZoom = focused ? budget / LEVEL_LABEL_PX.full : choice && level === choice.level ? Math.min(1.6, choice.minZoom) : FIT.minZoom;
    const base = narrowPane ? FIT_PHONE : pane && pane.w < SMALL_BELOW ? FIT_SMALL : FIT;
    return { ...base, minZoom, maxZoom: Math.max(focused ? 2 : FIT.maxZoom, minZoom) };
  }, [choice, level, pane, focused, presenter, narrowPane]);
  const fitRef = useRef(fit);
  fitRef.current = fit;
  /** Fit the diagram into the pane (the level's own minimum zoom keeps its labels at the budget). */
  const focusedRef = useRef(focused);
  focusedRef.current = focused;
  const refit = useCallback(() => {
    const f = focusedRef.current;
    const el = wrapRef.current;
    if (!f || !el) return void rf.fitView({ ...fitRef.current, duration: 0 });
    // The focused path: fitted from its bounds (its nodes are not measured yet when it appears),
    // under the focus bar; when it is taller than the pane it opens at the top.
    const { minZoom, maxZoom } = fitRef.current;
    const b = f.bounds;
    const bar = el.querySelector<HTMLElement>('[data-testid="focus-bar"]');
    const pad = { l: 12, r: 52, t: (bar ? bar.offsetTop + bar.offsetHeight : 0) + 10, b: 40 };
    const w = el.clientWidth - pad.l - pad.r;
    const h = el.clientHeight - pad.t - pad.b;
    const z = Math.max(minZoom, Math.min(maxZoom, w / b.w, h / b.h));
    const x = pad.l + Math.max(0, (w - b.w * z) / 2) - b.x * z;
    const y = pad.t + Math.max(0, (h - b.h * z) / 2) - b.y * z;
    void rf.setViewport({ x, y, zoom: z }, { duration: 0 });
  }, [rf]);
  const pickerRef = useRef<PacketPicker | null>(null);

  // Accessible names depend on the language; recomputed only when the layout or language changes.
  const nodes = useMemo<DiagramNode[]>(() => {
    void i18n.language;
    return result.nodes.map((n) => {
      const d = n.data;
      let ariaLabel: string | undefined;
      let className: string | undefined;
      let ariaRole: 'button' | 'group' | undefined;
      if (d.role === 'component' && d.componentId && d.kind) {
        const title = t(`components.${d.kind}.title`);
        const vm = d.vm && !d.componentId.startsWith(`${d.vm}.`) ? d.vm : null;
        ariaLabel = vm ? t('diagram.ariaNodeVm', { title, vm, id: d.componentId }) : t('diagram.ariaNode', { title, id: d.componentId });
        className = 'hvv-clickable';
        ariaRole = 'button';
      } else if (d.role === 'fold' && d.foldLabel) {
        ariaLabel = t('diagram.ariaFold', { title: t(d.foldLabel, { count: d.n ?? 0 }), count: d.ids.length });
        className = 'hvv-clickable';
        ariaRole = 'button';
      } else if (d.role === 'aggregate' && d.aggregateOf) {
        ariaLabel = t('diagram.node.aggregateLong', { label: t(`components.${d.aggregateOf}.title`), count: d.ids.length });
        ariaRole = 'group';
      } else if (d.role === 'collapsed') {
        ariaLabel = t('diagram.collapsed.title', { count: d.vms?.length ?? 0 });
        ariaRole = 'group';
      } else if (d.role === 'zone') {
        ariaLabel =
          d.zone === 'root' ? t('diagram.zones.root') : d.zone === 'vm' ? `${d.vm} ${t('diagram.zones.child')}` : d.zone === 'hardware' ? t('diagram.zones.hardware') : undefined;
        ariaRole = 'group';
      }
      return { ...n, ...(ariaLabel ? { ariaLabel } : {}), ...(className ? { className } : {}), ...(ariaRole ? { ariaRole } : {}) };
    });
  }, [result, t, i18n.language]);

  const locate = useCallback((id: string) => result.rects.get(result.nodeOf.get(id) ?? ''), [result]);

  // Live numbers the store does not publish (LP load, drops per VM): 2 Hz from the frame loop.
  useEffect(() => {
    pollMetrics();
    let last = 0;
    return onFrame(() => {
      const now = performance.now();
      if (now - last < 500) return;
      last = now;
      pollMetrics();
    });
  }, []);

  // Refit when the diagram's size changes (VMs added, expanded, collapsed) or the pane resizes.
  const bw = Math.round(result.bounds.w);
  const bh = Math.round(result.bounds.h);
  useEffect(() => {
    const id = requestAnimationFrame(refit);
    return () => cancelAnimationFrame(id);
  }, [bw, bh, refit, level, fit, focused]);
  // A focused path opened from a link: React Flow fits the drawing once its nodes are measured;
  // place the focus after that (two frames later) so it opens at the top, under the focus bar.
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!focused || !initialized) return;
    let id = requestAnimationFrame(() => (id = requestAnimationFrame(refit)));
    return () => cancelAnimationFrame(id);
  }, [focused, initialized, refit]);
  // Measured before the first paint (a layout effect): the legend's compact form and the level of
  // detail that depend on the pane's size are right in the first frame, so nothing moves after.
  useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    let timer = 0;
    const measure = () => {
      setNarrow(el.clientWidth < NARROW_BELOW);
      setPane((p) => (p && p.w === el.clientWidth && p.h === el.clientHeight ? p : { w: el.clientWidth, h: el.clientHeight }));
    };
    const ro = new ResizeObserver(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        measure();
        refit();
      }, 80);
    });
    measure();
    ro.observe(el);
    return () => {
      ro.disconnect();
      window.clearTimeout(timer);
    };
  }, [refit]);

  // Level of detail follows the zoom through one data attribute: no React work while zooming.
  const store = useStoreApi();
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    let lod = '';
    const apply = (k: number) => {
      const next = k < LOD_FAR_BELOW ? 'far' : 'near';
      if (next !== lod) {
        lod = next;
        el.dataset.lod = next;
      }
    };
    apply(store.getState().transform[2]);
    return store.subscribe((s) => apply(s.transform[2]));
  }, [store]);

  const select = useSim((s) => s.select);
  const selection = useSim((s) => s.selection);
  const target = useMemo(() => focusTarget(selection), [selection]);

  const onNodeClick: NodeMouseHandler<DiagramNode> = useCallback(
    (e, node) => {
      // A packet drawn over a node wins over the node.
      const pid = pickerRef.current?.pickAt(e.clientX, e.clientY, 7) ?? null;
      if (pid !== null) return select({ kind: 'packet', id: pid });
      if (node.data.componentId) select({ kind: 'component', id: node.data.componentId });
    },
    [select],
  );

  const onPaneClick = useCallback(
    (e: ReactMouseEvent) => {
      const pid = pickerRef.current?.pickAt(e.clientX, e.clientY, 10) ?? null;
      select(pid !== null ? { kind: 'packet', id: pid } : null);
    },
    [select],
  );

  // Enter on a focused node selects it (React Flow's own keyboard selection is off: we own selection).
  // Escape inside the diagram leaves "focus on this path".
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === 'Escape' && focus) {
        e.preventDefault();
        clearFocus();
        return;
      }
      if (e.key !== 'Enter') return;
      const el = e.target as HTMLElement;
      if (!el.classList.contains('react-flow__node')) return;
      const id = el.getAttribute('data-id');
      const node = id ? result.nodes.find((n) => n.id === id) : undefined;
      if (node?.data.componentId) {
        e.preventDefault();
        select({ kind: 'component', id: node.data.componentId });
      }
    },
    [result, select, focus],
  );

  const focusLabel = focus
    ? t('diagram.focus.exit')
    : target
      ? target.kind === 'packet'
        ? t('diagram.focus.offerPacket', { id: target.id })
        : t('diagram.focus.offerVm', { vm: target.vm })
      : t('diagram.focus.offerNone');

  const ariaLabelConfig = useMemo(
    () => ({
      'controls.zoomIn.ariaLabel': t('diagram.zoomIn'),
      'controls.zoomOut.ariaLabel': t('diagram.zoomOut'),
      'controls.fitView.ariaLabel': t('diagram.fit'),
    }),
    [t],
  );

  return (
    <div
      ref={wrapRef}
      className="hvv-diagram relative h-full min-h-0 w-full min-w-0 overflow-hidden bg-surface"
      role="region"
      aria-label={t('diagram.label')}
      onKeyDown={onKeyDown}
      data-testid="diagram"
      data-visible-vms={result.visibleVms.join(',')}
      data-lod-level={focused ? 'focus' : level}
      data-focus={focus && focused ? (focus.kind === 'packet' ? `p${focus.id}` : focus.vm) : undefined}
    >
      <ReactFlow
        nodes={nodes}
        edges={result.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable
        edgesFocusable={false}
        zoomOnDoubleClick={false}
        minZoom={0.15}
        maxZoom={3}
        fitView
        fitViewOptions={fit}
        ariaLabelConfig={ariaLabelConfig}
        {...embedFlowProps()}
      >
        <Controls position="top-right" showInteractive={false} fitViewOptions={fit}>
          <ControlButton
            onClick={() => (focus ? clearFocus() : focusSelection(selection))}
            aria-label={focusLabel}
            title={focusLabel}
            aria-pressed={!!focus}
            aria-disabled={!focus && !target ? true : undefined}
            className={!focus && !target ? 'opacity-40' : undefined}
            data-testid="focus-toggle"
          >
            <span aria-hidden className="text-[14px] font-bold leading-none">{focus ? '⤢' : '⌖'}</span>
          </ControlButton>
          {focus ? null : <ControlButton
            onClick={() => setDetail(level === 'full' ? (choice && choice.level !== 'full' ? 'auto' : 'overview') : 'full')}
            aria-label={level === 'full' ? t('diagram.detail.toOverview') : t('diagram.detail.toFull')}
            title={level === 'full' ? t('diagram.detail.toOverview') : t('diagram.detail.toFull')}
            aria-pressed={level === 'full'}
            data-testid="detail-toggle"
          >
            <span aria-hidden className="text-[13px] font-bold leading-none">{level === 'full' ? '▣' : '⊞'}</span>
          </ControlButton>}
        </Controls>
        <Suspense fallback={null}>
          <NotesLayer layout={result} />
        </Suspense>
      </ReactFlow>
      <PacketOverlay geometry={result.linkGeometry} locate={locate} pickerRef={pickerRef} />
      {focus && focused ? <FocusBar focus={focus} count={focused.nodeOf.size} /> : null}
      <Legend compact={narrow} />
    </div>
  );
}
