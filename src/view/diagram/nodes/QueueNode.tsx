import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useQueueAssignment } from '../live';
import { NodeShell } from './NodeShell';

/** A VMQ receive queue: which VM it serves and which LP its interrupt goes to. */
export const QueueNode = memo(function QueueNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const a = useQueueAssignment(data.n);
  const isDefault = data.n === 0;
  return (
    <NodeShell ids={data.ids} className="flex flex-col justify-center bg-node px-0.5 text-center leading-tight">
      <div className="hvv-label hvv-label-sm text-[13px] font-semibold text-ink">{isDefault ? t('diagram.node.queueDefault') : t('diagram.node.queueN', { n: data.n })}</div>
      <div className="font-mono text-[11px] text-muted">
        {a ? (
          <>
            {a.vm ? <span className="text-ink">{t('diagram.node.toVm', { vm: a.vm })} </span> : null}
            {t('diagram.node.onLp', { lp: a.lp })}
          </>
        ) : (
          t('diagram.node.free')
        )}
      </div>
    </NodeShell>
  );
});
