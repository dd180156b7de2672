import type { NodeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { NodeShell } from './NodeShell';
import { PortPolicySwitchBadge } from './PortPolicyBadge';
import { firstCarrying, useDiagramUi } from '../diagramStore';
import { useSim } from '../../../store/simStore';
import { useChannels } from '../live';

const TONE = {
  root: 'bg-node',
  vm: 'bg-node',
  hv: '!rounded-lg bg-zone-hypervisor',
  hardware: 'bg-node',
  wire: '!rounded-full border-dashed bg-surface',
} as const;

/**
 * A folded group of components (overview levels): one large label, one short line saying what is
 * inside. Selection, highlight and notes cover every component it draws.
 *
 * While a route through the group carries packets, the box says which of its components carry
 * them ("▸ VMWP", the first of them), in type as large as its label (the level's label budget), and its border
 * turns to the accent colour: the active route is never hidden inside a fold.
 */
export const FoldNode = memo(function FoldNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const tone = TONE[data.foldTone ?? 'root'];
  const topology = useSim((s) => s.topology);
  const label = data.foldLabel ? t(data.foldLabel) : '';
  const nameOf = useCallback(
    (id: string) => {
      const i = topology.componentIndex.get(id);
      const kind = i === undefined ? null : topology.components[i]?.kind;
      // A compact name where the short one would not fit a folded box ("VF" for the VF miniport).
      const name = kind ? t(`diagram.nowName.${kind}`, { defaultValue: t(`diagram.short.${kind}`) }) : id;
      // The group's own name says nothing new ("Physical NIC" in the NIC box).
      return name === label ? '' : name;
    },
    [topology, t, label],
  );
  const now = useDiagramUi((s) => (data.foldTone === 'hv' || data.foldTone === 'wire' ? '' : firstCarrying(data.ids, s.carrying, nameOf)));
  // The hypervisor band's title sits where the layout found room between the pass-through windows.
  const at = data.foldTitleX;
  // Issue 11: a vNIC with vRSS/VMMQ has several channels; the NetVSC box says how many.
  const channels = useChannels(data.foldLabel === 'diagram.short.netvsc' || data.foldLabel === 'diagram.fold.adapters' ? (data.vm ?? null) : null);
  return (
    <NodeShell ids={data.ids} className={`flex items-center justify-center px-1 text-center ${tone} ${now ? '!border-accent !border-2' : ''}`}>
      {channels > 1 ? (
        <span className="absolute -bottom-2.5 right-0.5 z-10 whitespace-nowrap rounded-sm border border-accent bg-node px-1 text-[12px] font-semibold leading-tight text-ink" title={t('diagram.node.channelsLong', { count: channels })} data-testid="fold-channels">
          <span aria-hidden="true">{t('diagram.node.channelsShort', { count: channels })}</span>
          <span className="sr-only">{t('diagram.node.channelsLong', { count: channels })}</span>
        </span>
      ) : null}
      <div
        className={`leading-tight ${at === undefined ? 'min-w-0' : 'absolute top-1/2 -translate-x-1/2 -translate-y-1/2 whitespace-nowrap'}`}
        style={at === undefined ? undefined : { left: at }}
      >
        <div className={`hvv-label text-[18px] font-semibold ${now ? 'leading-[1.1]' : 'leading-[1.15]'} text-ink`}>{label}</div>
        {now ? (
          <div className="hvv-label hvv-now text-[18px] italic leading-[1.1] text-ink" data-testid="fold-carrying">
            <span aria-hidden="true">▸ </span>
            {now}
          </div>
        ) : data.foldSub ? (
          <div className="hvv-sub mt-0.5 text-[13px] leading-tight text-muted">{t(data.foldSub, { count: data.n ?? 0 })}</div>
        ) : null}
      </div>
      {data.ids.includes('root.vswitch') ? <PortPolicySwitchBadge /> : null}
    </NodeShell>
  );
});

/** The label of a pass-through window in the hypervisor band (links that do not go through it). */
export const PassLabelNode = memo(function PassLabelNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  return (
    <div className="pointer-events-none flex h-full w-full items-center text-[13px] font-semibold italic leading-tight text-ink" data-testid="pass-label">
      <span>{data.foldLabel ? t(data.foldLabel) : ''}</span>
    </div>
  );
});
