import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useDiagramUi } from '../diagramStore';
import { NodeShell } from './NodeShell';

/** A logical processor with its simulated load. */
export const LpNode = memo(function LpNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const n = data.n ?? 0;
  const load = useDiagramUi((s) => s.lpLoad[n] ?? 0);
  const pct = Math.round(load * 100);
  return (
    <NodeShell ids={data.ids} className="flex flex-col justify-center gap-1 bg-node px-1.5">
      <div className="flex items-baseline justify-between leading-none">
        <span className="hvv-label hvv-label-sm text-[12px] font-semibold text-ink">LP {n}</span>
        <span className="hvv-sub font-mono text-[10px] text-muted">{t('diagram.node.load', { pct })}</span>
      </div>
      <div
        className="relative h-1.5 overflow-hidden rounded-sm bg-raised"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label={t('diagram.node.loadLong', { pct })}
      >
        <div className={`absolute inset-y-0 left-0 ${pct > 85 ? 'bg-danger' : 'bg-ink'}`} style={{ width: `${pct}%` }} />
      </div>
    </NodeShell>
  );
});
