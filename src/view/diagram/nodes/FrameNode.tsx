import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';

/** A grouping frame: the NIC around its queues, switch and VFs; the extensible switch around its extensions. */
export const FrameNode = memo(function FrameNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  if (data.zone === 'nic') {
    return (
      <div className="relative h-full w-full rounded-lg border-2 border-node-line bg-panel/60">
        <span className="hvv-frame-title absolute left-3 top-1.5 text-[13px] font-semibold text-ink">{t('diagram.zones.nicFrame')}</span>
      </div>
    );
  }
  return <div className="h-full w-full rounded-lg border border-node-line bg-panel/50" />;
});
