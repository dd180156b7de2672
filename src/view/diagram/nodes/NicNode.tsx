import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useSim } from '../../../store/simStore';
import { NodeShell } from './NodeShell';

/** The NIC's physical port and MAC: where frames enter and leave the host. */
export const NicNode = memo(function NicNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const linkUp = useSim((s) => s.live.linkUp);
  const gbps = useSim((s) => s.config.nic.linkGbps);
  return (
    <NodeShell ids={data.ids} className="flex items-center gap-3 bg-node px-3">
      <span className="hvv-label text-[14px] font-semibold text-ink">{t('diagram.short.nic')}</span>
      <span className="font-mono text-[12px] text-muted">{t('diagram.node.gbps', { n: gbps })}</span>
      <span className={`ml-auto flex items-center gap-1 text-[12px] ${linkUp ? 'text-ok' : 'font-semibold text-danger'}`}>
        <span aria-hidden>{linkUp ? '●' : '✕'}</span>
        {t(linkUp ? 'diagram.node.linkUp' : 'diagram.node.linkDown')}
      </span>
    </NodeShell>
  );
});
