import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { NodeShell } from './NodeShell';
import { PortPolicyBadge, PortPolicySwitchBadge } from './PortPolicyBadge';

/** Any component without special live numbers: its short name, and the VM it serves in the root. */
export const ComponentNode = memo(function ComponentNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const kind = data.kind ?? 'wire';
  let label: string = t(`diagram.short.${kind}`);
  let sub: string | null = null;
  if (kind === 'vswitch-extension' && data.extension) label = t(`diagram.node.ext.${data.extension}`);
  if (kind === 'vswitch') sub = t('diagram.node.vswitchEdge');
  if ((kind === 'netvsp' || kind === 'vmwp' || kind === 'vpci-vsp') && data.vm) sub = data.vm;
  if (kind === 'legacy-nic') sub = t('diagram.node.adapter.emulated');
  const compact = data.compact === true;
  const tiny = kind === 'vf-miniport' || kind === 'vmbus-guest' || kind === 'vpci-vsc';
  const vmTag = (kind === 'netvsp' || kind === 'vmwp' || kind === 'vpci-vsp') && data.vm !== null;
  const tone =
    kind === 'vswitch-extension'
      ? 'bg-raised'
      : 'bg-node';
  return (
    <NodeShell ids={data.ids} className={`${tone} flex items-center justify-center ${tiny ? 'px-0.5' : 'px-1.5'} text-center`}>
      <div className="min-w-0 leading-tight">
        <div className={`hvv-label ${tiny ? 'hvv-label-xs text-[12px]' : compact ? 'hvv-label-sm text-[12px]' : 'text-[14px]'} font-semibold text-ink`}>
          {label}
        </div>
        {sub ? <div className={`${vmTag ? 'hvv-vmtag' : 'hvv-sub'} ${compact ? 'text-[11px]' : 'text-[12px]'} font-mono text-muted`}>{sub}</div> : null}
      </div>
      {(kind === 'netvsp' || kind === 'vmwp') && data.vm && !compact ? <PortPolicyBadge vm={data.vm} /> : null}
      {kind === 'vswitch' ? <PortPolicySwitchBadge /> : null}
    </NodeShell>
  );
});
