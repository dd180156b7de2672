import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useChannels, useRing } from '../live';
import { NodeShell } from './NodeShell';

/** One half of a VMBus channel: fill bar and the reader's interrupt mask. */
export const RingNode = memo(function RingNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const dir = data.kind === 'ring-in' ? 'in' : 'out';
  const { pct, masked } = useRing(data.vm, dir);
  // Issue 11: with vRSS/VMMQ each channel has its own in ring; the node stands for all of them.
  const channels = useChannels(dir === 'in' ? data.vm : null);
  return (
    <NodeShell ids={data.ids} className="flex flex-col items-stretch justify-between bg-node px-1.5 py-1">
      <div className="hvv-label hvv-label-sm flex items-center justify-between text-[12px] font-semibold leading-none text-ink">
        <span>{t(`diagram.short.${data.kind}`)}</span>
        {channels > 1 ? (
          <span className="rounded-sm border border-accent px-0.5 font-mono text-[10px] text-ink" title={t('diagram.node.channelsLong', { count: channels })} data-testid="ring-channels">
            ×{channels}
            <span className="sr-only"> {t('diagram.node.channelsLong', { count: channels })}</span>
          </span>
        ) : (
          <span aria-hidden className="font-mono text-[10px] text-muted">{dir === 'out' ? '↓' : '↑'}</span>
        )}
      </div>
      <div
        className="relative h-2.5 overflow-hidden rounded-sm border border-node-line bg-raised"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label={t('diagram.node.ringFill', { pct })}
      >
        <div className={`absolute inset-y-0 left-0 ${pct > 85 ? 'bg-danger' : 'bg-path-synthetic'}`} style={{ width: `${Math.max(pct, pct > 0 ? 4 : 0)}%` }} />
      </div>
      <div
        className={`flex items-center gap-1 text-[10px] leading-none ${masked ? 'font-semibold text-warn' : 'text-muted'}`}
        title={t(masked ? 'diagram.node.maskedLong' : 'diagram.node.unmaskedLong')}
      >
        <span aria-hidden className={`hvv-maskdot inline-block h-2 w-2 shrink-0 rounded-full border ${masked ? 'border-warn bg-warn' : 'border-muted'}`} />
        <span className="hvv-sub">{masked ? t('diagram.node.masked') : `${pct}%`}</span>
        <span className="sr-only">{t(masked ? 'diagram.node.maskedLong' : 'diagram.node.unmaskedLong')}</span>
      </div>
    </NodeShell>
  );
});
