import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { NodeShell } from './NodeShell';

/** The external network below the host. */
export const WireNode = memo(function WireNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  return (
    <NodeShell ids={data.ids} className="flex items-center justify-center !rounded-full border-dashed bg-surface px-3">
      <span className="hvv-label text-[14px] font-semibold text-ink">{t('diagram.short.wire')}</span>
    </NodeShell>
  );
});
