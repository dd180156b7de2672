/**
 * The packet overlay: ONE canvas over the React Flow pane that draws every packet in flight.
 *
 * It never goes through React per packet: it reads `host.inFlight` in the clock's frame callback
 * (and when the viewport moves), places each packet with the precomputed link table, blits one
 * pre-drawn glyph sprite per packet into a frame buffer and hands the changed rectangle to the
 * canvas with one putImageData (sprites.ts says why: ≈5× faster than paths on a software canvas). The canvas ignores pointer events so the pane keeps pan and zoom; the
 * diagram asks `picker.pickAt()` on a click instead (nearest-point search on click only).
 */
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { host } from '../../store/engineHost';
import { onFrame, useSim } from '../../store/simStore';
import { useTheme } from '../../store/theme';
import { blitBig, blitBins, createScratch, drawSpriteSheet, glyphSize, nearest, project, spriteCell, type View } from './drawPackets';
import { clearPainted, createFrameBuffer, spritesFromSheet, unionBox, type FrameBuffer, type Sprite } from './sprites';
import { buildLinkTable, positionAt, type LinkGeometryLike } from './linkTable';
import { readColors, watchTheme, type OverlayColors } from './theme';

export interface PacketPicker {
  /** Packet id nearest to a client point within `radius` CSS px, or null. */
  pickAt(clientX: number, clientY: number, radius?: number): number | null;
}

export interface PacketOverlayProps {
  geometry: readonly LinkGeometryLike[];
  /** Where a component is drawn (absolute flow rect), for a selected packet waiting between hops. */
  locate: (componentId: string) => { x: number; y: number; w: number; h: number } | undefined;
  pickerRef?: MutableRefObject<PacketPicker | null>;
}

/** How often the data-drawn debug attribute is refreshed (ms); attribute writes are not free. */
const ATTR_INTERVAL = 250;
/** How long a smaller pane must hold before the canvas is fitted to it (ms). */
const SHRINK_AFTER_MS = 1000;

export function PacketOverlay({ geometry, locate, pickerRef }: PacketOverlayProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const store = useStoreApi();
  const rf = useReactFlow();
  const table = useMemo(() => buildLinkTable(geometry), [geometry]);
  const state = useRef({
    scratch: createScratch(),
    colors: null as OverlayColors | null,
    size: { w: 0, h: 0, dpr: 1 },
    /** The pixel ratio the canvas was allocated for (0: not yet). */
    allocDpr: 0,
    shrinkTimer: 0,
    lastAttr: 0,
    drawn: 0,
    queued: 0,
    /** The frame buffer (a view on `img`) and the device-px box the canvas shows from it (plus the halo). */
    fb: null as FrameBuffer | null,
    img: null as ImageData | null,
    shown: [0, 0, 0, 0],
    sprites: [] as Sprite[],
    spriteKey: '',
  });
  const scheduleRef = useRef<(() => void) | null>(null);
  const locateRef = useRef(locate);
  const tableRef = useRef(table);
  useEffect(() => {
    locateRef.current = locate;
    tableRef.current = table;
  }, [locate, table]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d', { alpha: true });
    if (!ctx) return;
    const st = state.current;
    st.colors = readColors();
    const flowPos = new Float32Array(2);
    const sheet = document.createElement('canvas');
    const sheetCtx = sheet.getContext('2d', { willReadFrequently: true });

    /** The four glyph sprites for this size, pixel ratio and theme (redrawn only when one changes). */
    const spritesFor = (size: number, dpr: number, colors: OverlayColors): Sprite[] => {
      const key = `${size}|${dpr}|${colors.paths.join(',')}`;
      if (key === st.spriteKey || !sheetCtx) return st.sprites;
      const cell = spriteCell(size, dpr);
      sheet.width = 4 * cell;
      sheet.height = cell;
      drawSpriteSheet(sheetCtx, size, dpr, colors.paths);
      st.sprites = spritesFromSheet(sheetCtx.getImageData(0, 0, 4 * cell, cell).data, cell);
      st.spriteKey = key;
      return st.sprites;
    };

    const draw = () => {
      const { w, h, dpr } = st.size;
      if (w === 0 || h === 0) return;
      const colors = st.colors as OverlayColors;
      const [tx, ty, k] = store.getState().transform;
      const W = canvas.width;
      const H = canvas.height;
      if (!st.fb || st.fb.width !== W || st.fb.height !== H) {
        st.img = ctx.createImageData(W, H);
        st.fb = createFrameBuffer(W, H, new Uint32Array(st.img.data.buffer));
        st.shown = [0, 0, 0, 0];
      }
      const fb = st.fb;
      const buf = host.inFlight;
      const tbl = tableRef.current;
      const view: View = { tx, ty, k, width: w, height: h, dpr };
      // Reduced motion (prefers-reduced-motion or the "Reduce motion" switch, src/store/theme.ts):
      // each packet snaps to the end of the hop it is crossing, so it jumps hop by hop instead of
      // gliding. The engine refills `progress` every frame, so overwriting it here is safe.
      if (buf && useTheme.getState().reducedMotion) buf.progress.fill(1, 0, buf.count);
      const visible = buf ? project(buf, tbl, view, st.scratch) : 0;
      // Quarter-pixel steps: zooming redraws the sprites only when the glyph really changes size.
      const size = Math.round(glyphSize(k) * 4) / 4;
      // One pass of typed-array copies, then one putImageData over what changed (sprites.ts says why).
      clearPainted(fb);
      if (visible && buf) {
        const sprites = spritesFor(size, dpr, colors);
        blitBig(fb, st.scratch, buf, sprites, dpr, size); // under the glyphs: the stack's back card
        blitBins(fb, st.scratch, sprites, dpr);
      }
      const box = unionBox(st.shown, [fb.x0, fb.y0, fb.x1, fb.y1], W, H);
      if (box) ctx.putImageData(st.img as ImageData, 0, 0, box[0], box[1], box[2] - box[0], box[3] - box[1]);
      st.shown = [fb.x0, fb.y0, fb.x1, fb.y1];
      st.drawn = visible;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);

      // The selected packet: a halo, and the camera follows it while it moves.
      const sel = useSim.getState().selection;
      if (sel?.kind === 'packet') {
        let sx = NaN;
        let sy = NaN;
        const s = st.scratch;
        for (let i = 0; i < s.n; i++) {
          if (s.ids[i] !== sel.id) continue;
          if (buf && positionAt(tbl, buf.link[i] as number, buf.progress[i] as number, sel.id, flowPos, 0)) {
            sx = (flowPos[0] as number) * k + tx;
            sy = (flowPos[1] as number) * k + ty;
          }
          break;
        }
        if (sx !== sx) {
          // Between hops (queued in a ring, waiting for a CPU): mark where it waits.
          const info = host.sim?.packet?.(sel.id);
          const r = info ? locateRef.current(info.at) : undefined;
          if (r) {
            sx = (r.x + r.w / 2) * k + tx;
            sy = (r.y + r.h / 2) * k + ty;
          }
        }
        if (sx === sx) {
          ctx.beginPath();
          ctx.arc(sx, sy, size * 3.2, 0, Math.PI * 2);
          ctx.lineWidth = 3;
          ctx.strokeStyle = colors.focus;
          ctx.stroke();
          ctx.beginPath();
          ctx.arc(sx, sy, size * 1.6, 0, Math.PI * 2);
          ctx.fillStyle = colors.focus;
          ctx.fill();
          // The next frame's putImageData must cover the halo too, to erase it.
          const r = size * 3.2 + 2;
          st.shown = unionBox(st.shown, [(sx - r) * dpr, (sy - r) * dpr, (sx + r) * dpr, (sy + r) * dpr].map((v, j) => (j < 2 ? Math.floor(v) : Math.ceil(v))), W, H) ?? st.shown;
          follow(sx, sy, w, h, tx, ty, k);
        }
      }

      const now = performance.now();
      if (now - st.lastAttr > ATTR_INTERVAL) {
        st.lastAttr = now;
        canvas.dataset.drawn = String(visible);
        canvas.dataset.inFlight = String(buf?.count ?? 0);
      }
    };

    /** Keep the followed packet inside the middle of the pane (only pans, never zooms). */
    const follow = (sx: number, sy: number, w: number, h: number, tx: number, ty: number, k: number) => {
      const mx = w * 0.15;
      const my = h * 0.15;
      let dx = 0;
      let dy = 0;
      if (sx < mx) dx = mx - sx;
      else if (sx > w - mx) dx = w - mx - sx;
      if (sy < my) dy = my - sy;
      else if (sy > h - my) dy = h - my - sy;
      if (dx || dy) void rf.setViewport({ x: tx + dx, y: ty + dy, zoom: k });
    };

    const schedule = () => {
      // While playing, the clock's frame draws anyway: a second draw in the same frame would only
      // delay the paint (a selection or pan used to cost one extra overlay pass).
      if (st.queued || useSim.getState().playing) return;
      st.queued = requestAnimationFrame(() => {
        st.queued = 0;
        draw();
      });
    };

    /** Size the canvas (and so, at the next draw, its frame buffer) for a w × h pane, and draw. */
    const allocate = (w: number, h: number, dpr: number) => {
      st.allocDpr = dpr;
      canvas.width = Math.max(1, Math.round(w * dpr));
      canvas.height = Math.max(1, Math.round(h * dpr));
      canvas.style.width = `${canvas.width / dpr}px`;
      canvas.style.height = `${canvas.height / dpr}px`;
      draw();
    };

    const resize = () => {
      const parent = canvas.parentElement;
      if (!parent) return;
      const w = parent.clientWidth;
      const h = parent.clientHeight;
      const dpr = window.devicePixelRatio || 1;
      st.size = { w, h, dpr };
      window.clearTimeout(st.shrinkTimer);
      if (dpr !== st.allocDpr || canvas.width < Math.round(w * dpr) || canvas.height < Math.round(h * dpr)) {
        allocate(w, h, dpr);
        return;
      }
      // The pane shrank (the inspector or a drawer opened). Re-allocating the canvas and its frame
      // buffer and redrawing in this frame made a click on a packet ≈10–20 ms slower at
      // 10,000–30,000 in flight (issue 13): for now the canvas keeps its size and the diagram's box
      // clips what lies beyond the pane (packets are culled to the pane, and the next draw's
      // putImageData covers the last frame's box, so nothing stale stays). Once the size has held
      // for a while the canvas is fitted, so later frames do not hand the compositor a larger
      // bitmap than the pane shows.
      schedule();
      if (canvas.width > Math.round(w * dpr) || canvas.height > Math.round(h * dpr)) {
        st.shrinkTimer = window.setTimeout(() => allocate(st.size.w, st.size.h, st.size.dpr), SHRINK_AFTER_MS);
      }
    };

    scheduleRef.current = schedule;
    const ro = new ResizeObserver(resize);
    if (canvas.parentElement) ro.observe(canvas.parentElement);
    resize();
    // devicePixelRatio changes (browser zoom, moving to another screen) do not resize the parent.
    let dprQuery: MediaQueryList | null = null;
    const onDpr = () => {
      resize();
      watchDpr();
    };
    const watchDpr = () => {
      dprQuery?.removeEventListener('change', onDpr);
      dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      dprQuery.addEventListener('change', onDpr);
    };
    watchDpr();

    const offFrame = onFrame(draw);
    let lastTransform = store.getState().transform;
    const offStore = store.subscribe((s) => {
      if (s.transform !== lastTransform) {
        lastTransform = s.transform;
        schedule();
      }
    });
    const offSel = useSim.subscribe((s, prev) => {
      if (s.selection !== prev.selection) schedule();
    });
    const offTheme = watchTheme(() => {
      st.colors = readColors();
      schedule();
    });

    if (pickerRef) {
      pickerRef.current = {
        pickAt(clientX, clientY, radius = 10) {
          const r = canvas.getBoundingClientRect();
          const i = nearest(st.scratch, clientX - r.left, clientY - r.top, radius);
          return i < 0 ? null : (st.scratch.ids[i] as number);
        },
      };
    }

    return () => {
      offFrame();
      offStore();
      offSel();
      offTheme();
      ro.disconnect();
      window.clearTimeout(st.shrinkTimer);
      dprQuery?.removeEventListener('change', onDpr);
      if (st.queued) cancelAnimationFrame(st.queued);
      st.queued = 0;
      if (pickerRef) pickerRef.current = null;
      scheduleRef.current = null;
    };
  }, [store, rf, pickerRef]);

  // A new layout: redraw at once, even when paused.
  useEffect(() => {
    scheduleRef.current?.();
  }, [table]);

  return (
    <canvas
      ref={canvasRef}
      className="pointer-events-none absolute left-0 top-0 z-[4]"
      aria-label={t('diagram.packets')}
      role="img"
      data-testid="packet-overlay"
      data-drawn="0"
    />
  );
}
