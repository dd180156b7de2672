import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { NodeShell } from './NodeShell';

/**
 * The hypervisor band across the whole host: its title and summary line, clear of the pass-through
 * windows. With `titleAlign: 'right'` (the focused path) the title sits at the right end alone,
 * leaving the band's left part to the pass-through labels.
 */
export const HypervisorNode = memo(function HypervisorNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const right = data.titleAlign === 'right';
  return (
    <NodeShell ids={data.ids} className={`flex items-center gap-4 !rounded-lg !border-node-line bg-zone-hypervisor px-4 ${right ? 'justify-end' : ''}`}>
      {/* Centred where the layout found room between the pass-through windows (foldTitleX), else at the left. */}
      <div
        className={`flex items-center gap-4 ${data.foldTitleX === undefined ? '' : 'absolute top-1/2 -translate-x-1/2 -translate-y-1/2 whitespace-nowrap'}`}
        style={data.foldTitleX === undefined ? undefined : { left: data.foldTitleX }}
      >
        <span className="hvv-title text-[17px] font-semibold text-ink">{t('components.hypervisor.title')}</span>
        {right ? null : <span className="hvv-zone-sub text-[13px] text-muted">{t('diagram.zones.hypervisorSub')}</span>}
      </div>
    </NodeShell>
  );
});
