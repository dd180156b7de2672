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

/** The VMs that do not fit, as chips; their packets travel to this group. Clicking a chip expands that VM. */
export const CollapsedNode = memo(function CollapsedNode({ data }: NodeProps<DiagramNode>) {
  const { t } = useTranslation();
  const vms = data.vms ?? [];
  const expand = useDiagramUi((s) => s.expand);
  return (
    <div className="relative flex h-full w-full flex-col rounded-xl border border-line bg-zone-child p-2.5" data-testid="collapsed-vms">
      <Handle type="target" position={Position.Top} isConnectable={false} className="hvv-handle" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="hvv-handle" />
      <div className="text-[16px] font-semibold leading-tight text-ink">{t('diagram.collapsed.title', { count: vms.length })}</div>
      <div className="mb-2 mt-1 text-[12px] leading-snug text-muted">{t('diagram.collapsed.hint')}</div>
      <ul className="nowheel grid grid-cols-3 content-start gap-1.5 overflow-auto" role="list">
        {vms.map((vm) => (
          <li key={vm}>
            <VmChip vm={vm} onExpand={expand} />
          </li>
        ))}
      </ul>
    </div>
  );
});

function VmChip({ vm, onExpand }: { vm: VmId; onExpand: (vm: VmId) => void }) {
  const { t } = useTranslation();
  const path = useSim((s) => vmState(s, vm)?.activePath ?? null);
  const sel = useSim((s) => s.selection?.kind === 'component' && s.selection.id.startsWith(`${vm}.`));
  return (
    <button
      type="button"
      className={`nodrag flex w-full items-center justify-center gap-1 rounded-md border bg-node px-1 py-1 font-mono text-[12px] font-semibold text-ink hover:border-accent ${
        sel ? 'border-accent ring-2 ring-accent' : 'border-node-line'
      }`}
      aria-label={t('diagram.collapsed.expand', { vm })}
      title={t('diagram.collapsed.expand', { vm })}
      onClick={(e) => {
        e.stopPropagation();
        onExpand(vm);
      }}
    >
      {path ? <PathGlyph path={path} size={9} /> : null}
      {vm}
    </button>
  );
}
