import { Handle, Position } from '@xyflow/react';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEmphasis, useNote, usePendingCue, useSelected } from '../live';
import { useBottleneckAt } from '../../overload/overloadState';
import { useTightBox } from './useTightBox';

/**
 * The frame every component node shares: selection ring, dimming when something else is
 * highlighted, the one-line "because" callout, and the invisible handles edges attach to
 * (edges draw their own precomputed polylines; handles only satisfy React Flow).
 */
export function NodeShell({
  ids,
  className = '',
  children,
  noteBelow = false,
}: {
  ids: readonly string[];
  className?: string;
  children: ReactNode;
  noteBelow?: boolean;
}) {
  const selected = useSelected(ids);
  const emphasis = useEmphasis(ids);
  const note = useNote(ids);
  const pending = usePendingCue(ids);
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
      {pending ? (
        <div
          role="note"
          data-testid="pending-cue"
          className={`hvv-note absolute left-1/2 z-10 -translate-x-1/2 whitespace-nowrap rounded-md border-2 border-dashed border-warn bg-panel px-2 py-0.5 text-[12px] font-semibold text-ink shadow-sm ${
            noteBelow ? 'bottom-full mb-1.5' : 'top-full mt-1.5'
          }`}
        >
          <span aria-hidden className="mr-1 text-warn">…</span>
          {t('pending.cue', { vm: pending.vm, step: t(`pending.step.${pending.step}`) })}
        </div>
      ) : null}
      {note ? (
        <div
          key={note.id}
          role="note"
          className={`hvv-note absolute left-1/2 z-10 -translate-x-1/2 whitespace-nowrap rounded-md border border-warn bg-panel px-2 py-0.5 text-[12px] font-medium text-ink shadow-sm ${
            noteBelow ? 'top-full mt-1.5' : 'bottom-full mb-1.5'
          }`}
        >
          <span aria-hidden className="mr-1 text-warn">▸</span>
          {t(note.key, note.params)}
        </div>
      ) : null}
    </div>
  );
}
