import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useIommuSummary } from '../live';
import { NodeShell } from './NodeShell';

/** The IOMMU with the DMA mappings of every VM that has a VF. */
export const IommuNode = memo(function IommuNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const summary = useIommuSummary();
  const entries = summary ? summary.split(',').map((e) => e.split(':') as [string, string]) : [];
  const total = entries.reduce((a, [, n]) => a + Number(n), 0);
  return (
    <NodeShell ids={data.ids} className="flex flex-col bg-node px-2 py-1.5">
      <div className="hvv-label text-[14px] font-semibold leading-tight text-ink">{t('diagram.short.iommu')}</div>
      <div className="text-[11px] leading-tight text-muted">{total ? t('diagram.node.mappings', { count: total }) : t('diagram.node.noMappings')}</div>
      {entries.length ? (
        <div className="hvv-sub mt-0.5 flex flex-wrap gap-1 font-mono text-[10px] leading-none text-ink">
          {entries.slice(0, 6).map(([vm, n]) => (
            <span key={vm} className="rounded-sm border border-line px-1 py-0.5">
              {vm}·{n}
            </span>
          ))}
          {entries.length > 6 ? <span className="px-1 py-0.5 text-muted">+{entries.length - 6}</span> : null}
        </div>
      ) : null}
    </NodeShell>
  );
});
