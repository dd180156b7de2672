import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { DiagramEdge } from './layout';
import { useSim } from '../../store/simStore';

/** SVG path of a polyline with softly rounded corners (radius r, clamped to half of each segment). */
export function polylinePath(p: readonly number[], r = 6): string {
  const n = p.length / 2;
  if (n < 2) return '';
  let d = `M${p[0]},${p[1]}`;
  for (let i = 1; i < n - 1; i++) {
    const x0 = p[2 * i - 2] as number, y0 = p[2 * i - 1] as number;
    const x1 = p[2 * i] as number, y1 = p[2 * i + 1] as number;
    const x2 = p[2 * i + 2] as number, y2 = p[2 * i + 3] as number;
    const l0 = Math.hypot(x1 - x0, y1 - y0), l1 = Math.hypot(x2 - x1, y2 - y1);
    const rr = Math.min(r, l0 / 2, l1 / 2);
    if (rr < 0.5) {
      d += `L${x1},${y1}`;
      continue;
    }
    const ax = x1 - ((x1 - x0) / l0) * rr, ay = y1 - ((y1 - y0) / l0) * rr;
    const bx = x1 + ((x2 - x1) / l1) * rr, by = y1 + ((y2 - y1) / l1) * rr;
    d += `L${ax},${ay}Q${x1},${y1} ${bx},${by}`;
  }
  d += `L${p[2 * n - 2]},${p[2 * n - 1]}`;
  return d;
}

const STYLE = {
  data: 'hvv-link hvv-link-data',
  signal: 'hvv-link hvv-link-signal',
  control: 'hvv-link hvv-link-control',
} as const;

/**
 * A topology link drawn on its precomputed polyline. Opposite directions share one edge. Not
 * animated: packets are the overlay's job. Doorbell links (VF miniport → NIC VF) show only for
 * the VF currently assigned to that VM.
 */
export const LinkEdge = memo(function LinkEdge({ data }: EdgeProps<DiagramEdge>) {
  const only = data?.onlyIfVf ?? null;
  const visible = useSim((s) => (only ? s.live.vfAssignments.some((a) => a.vm === only.vm && a.vf === only.vf) : true));
  if (!data || !visible) return null;
  return <path d={polylinePath(data.points)} className={STYLE[data.kind]} fill="none" />;
});
