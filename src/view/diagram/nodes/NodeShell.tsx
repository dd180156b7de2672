import { Handle, Position } from '@xyflow/react';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEmphasis, useSelected } from '../live';
import { useBottleneckAt } from '../../overload/overloadState';
import { useTightBox } from './useTightBox';

/**
 * The frame every component node shares: selection ring, dimming when something else is
 * highlighted, the overload badge, and the invisible handles edges attach to (edges draw their
 * own precomputed polylines; handles only satisfy React Flow). Notes and pending cues are not
 * drawn here but by the diagram's notes layer (`notes/NotesLayer.tsx`), placed clear of every box.
 */
export function NodeShell({
  ids,
  className = '',
  children,
}: {
  ids: readonly string[];
  className?: string;
  children: ReactNode;
}) {
  const selected = useSelected(ids);
  const emphasis = useEmphasis(ids);
  const bottleneck = useBottleneckAt(ids);
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useTightBox(box, i18n.language);
  return (
    <div
      ref={box}
      className={`hvv-node relative h-full w-full rounded-md border ${selected ? 'border-accent ring-[3px] ring-accent' : 'border-node-line'} ${
        emphasis < 0 ? 'hvv-dim opacity-50' : ''
      } ${emphasis > 0 ? 'ring-[3px] ring-focus' : ''} ${bottleneck && !selected ? 'outline outline-[3px] outline-offset-1 outline-danger' : ''} ${className}`}
      data-selected={selected || undefined}
      data-bottleneck={bottleneck?.kind}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="hvv-handle" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="hvv-handle" />
      {children}
      {bottleneck ? (
        // Overload (src/analysis/overload.ts): a word, not only the red outline; the numbers are in the overload note.
        <span data-testid="bottleneck-badge" className="pointer-events-none absolute -right-1.5 -top-2.5 z-10 whitespace-nowrap rounded-sm border border-danger bg-panel px-1 text-[10px] font-bold leading-tight text-danger">
          <span aria-hidden="true">▲ </span>
          {t('overload.badge')}
        </span>
      ) : null}
    </div>
  );
}
