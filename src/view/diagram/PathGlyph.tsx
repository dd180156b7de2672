import type { PathKind } from '../../engine/types';

/** The same shapes as text, for badges in lists and tables (inspector, event log). */
export const PATH_GLYPH_CHAR: Record<PathKind, string> = { synthetic: '■', emulated: '▲', sriov: '◆', control: '○' };

/**
 * The shape that stands for a path, the same one the packet overlay draws:
 * synthetic ■ square, emulated ▲ triangle, SR-IOV ◆ diamond, control ○ ring.
 */
export function PathGlyph({ path, size = 12 }: { path: PathKind; size?: number }) {
  const c = `var(--color-path-${path})`;
  const h = size / 2;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden className="shrink-0">
      {path === 'synthetic' ? <rect x={size * 0.12} y={size * 0.12} width={size * 0.76} height={size * 0.76} fill={c} /> : null}
      {path === 'emulated' ? <polygon points={`${h},${size * 0.05} ${size * 0.97},${size * 0.92} ${size * 0.03},${size * 0.92}`} fill={c} /> : null}
      {path === 'sriov' ? <polygon points={`${h},0 ${size},${h} ${h},${size} 0,${h}`} fill={c} /> : null}
      {path === 'control' ? <circle cx={h} cy={h} r={h - 1.5} fill="none" stroke={c} strokeWidth={2} /> : null}
    </svg>
  );
}
