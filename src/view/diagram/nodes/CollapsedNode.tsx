import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagramNode } from '../layout';
import { useDiagramUi } from '../diagramStore';
import { vmState } from '../live';
import { useSim } from '../../../store/simStore';
import { Handle, Position } from '@xyflow/react';
import { PathGlyph } from '../PathGlyph';
import type { VmId } from '../../../engine/types';
import { fmtBps } from '../../metrics/units';

/**
 * The VMs that do not fit, as one small live figure each: its path's shape, its name, the packets
 * it has in flight now as a number and a bar (the busiest VM of the group fills it), the unit said
 * in the caption, its throughput in its name and tooltip. Their packets stop at the group's edge
 * (links inside the group are summarised, not drawn), so nothing piles over the figures. Clicking
 * a VM expands it; the rest of the diagram keeps its place (the layout keeps the same slots).
 *
 * In flight rather than throughput on the face: at 64 VMs the host is overloaded and most VMs
 * deliver nothing for the first hundreds of simulated µs, while their packets are already moving.
 */
export const CollapsedNode = memo(function CollapsedNode({ data }: NodeProps<DiagramNode>) {
  const { t, i18n } = useTranslation();
  const vms = data.vms ?? [];
  const expand = useDiagramUi((s) => s.expand);
  // The busiest VM of the group sets the bars' full length.
  const max = useDiagramUi((s) => vms.reduce((m, vm) => Math.max(m, s.vmInFlight[vm] ?? 0), 0));
  return (
    <div className="relative flex h-full w-full flex-col rounded-xl border border-line bg-zone-child p-2.5" data-testid="collapsed-vms">
      <Handle type="target" position={Position.Top} isConnectable={false} className="hvv-handle" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="hvv-handle" />
      <div className="text-[16px] font-semibold leading-tight text-ink">{t('diagram.collapsed.title', { count: vms.length })}</div>
      <div className="hvv-sub mt-1 text-[12px] leading-snug text-muted">{t('diagram.collapsed.hint')}</div>
      <div className="mb-1.5 mt-1 text-[12px] font-semibold leading-snug text-ink" data-testid="collapsed-rate-caption">
        {t('diagram.collapsed.figureCaption')}
      </div>
      <ul className="nowheel grid grid-cols-2 content-start gap-1 overflow-auto" role="list">
        {vms.map((vm) => (
          <li key={vm}>
            <VmFigure vm={vm} onExpand={expand} max={max} lang={i18n.language} />
          </li>
        ))}
      </ul>
    </div>
  );
});

function VmFigure({ vm, onExpand, max, lang }: { vm: VmId; onExpand: (vm: VmId) => void; max: number; lang: string }) {
  const { t } = useTranslation();
  const path = useSim((s) => vmState(s, vm)?.activePath ?? null);
  const sel = useSim((s) => s.selection?.kind === 'component' && s.selection.id.startsWith(`${vm}.`));
  const bps = useDiagramUi((s) => s.vmRate[vm] ?? 0);
  const n = useDiagramUi((s) => s.vmInFlight[vm] ?? 0);
  const label = t('diagram.collapsed.expandFigure', { vm, count: n, rate: fmtBps(bps, lang) });
  return (
    <button
      type="button"
      className={`nodrag flex w-full flex-col gap-0.5 rounded-md border bg-node px-1.5 pb-1 pt-0.5 text-ink hover:border-accent ${
        sel ? 'border-accent ring-2 ring-accent' : 'border-node-line'
      }`}
      aria-label={label}
      title={label}
      data-testid="vm-figure"
      data-vm={vm}
      data-bps={bps}
      data-in-flight={n}
      onClick={(e) => {
        e.stopPropagation();
        onExpand(vm);
      }}
    >
      <span className="flex w-full items-center gap-1 text-[13px] leading-tight">
        {path ? <PathGlyph path={path} size={9} /> : null}
        <span className="font-mono font-semibold">{vm}</span>
        <span className="ml-auto font-semibold tabular-nums" data-testid="vm-rate">
          {n}
        </span>
      </span>
      <span className="block h-1.5 w-full overflow-hidden rounded-sm bg-raised" aria-hidden="true">
        <span className="block h-full bg-accent" style={{ width: `${max > 0 ? Math.max(n > 0 ? 4 : 0, (100 * n) / max) : 0}%` }} />
      </span>
    </button>
  );
}
