import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useVfAssignment } from '../live';
import { NodeShell } from './NodeShell';

/** An SR-IOV virtual function on the NIC and the VM it is assigned to. */
export const NicVfNode = memo(function NicVfNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const vm = useVfAssignment(data.n);
  return (
    <NodeShell ids={data.ids} className={`flex flex-col justify-center px-1 text-center leading-tight ${vm ? 'bg-node' : 'bg-raised'}`}>
      <div className="hvv-label hvv-label-sm text-[13px] font-semibold text-ink">{t('diagram.node.vfN', { n: data.n })}</div>
      <div className={`font-mono text-[11px] ${vm ? 'text-ink' : 'text-muted'}`}>{vm ? t('diagram.node.toVm', { vm }) : t('diagram.node.free')}</div>
    </NodeShell>
  );
});
