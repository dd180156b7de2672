import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { NodeShell } from './NodeShell';

/** Stands for the same component of every collapsed VM (or the queues/VFs beyond those drawn). */
export const AggregateNode = memo(function AggregateNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const count = data.ids.length;
  const kind = data.aggregateOf ?? 'netvsp';
  const text =
    kind === 'nic-queue'
      ? t('diagram.node.moreQueues', { count })
      : kind === 'nic-vf'
        ? t('diagram.node.moreVfs', { count })
        : t('diagram.node.aggregate', { label: t(`diagram.short.${kind}`), count });
  return (
    <NodeShell ids={data.ids} className="flex items-center justify-center border-dashed bg-raised px-1 text-center">
      <span className="hvv-label hvv-label-sm text-[12px] font-semibold leading-tight text-ink">{text}</span>
    </NodeShell>
  );
});
