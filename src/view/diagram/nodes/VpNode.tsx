import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { DiagramNode } from '../layout';
import { NodeShell } from './NodeShell';

/** A virtual processor chip in its partition's header. */
export const VpNode = memo(function VpNode({ data }: NodeProps<DiagramNode>) {
  return (
    <NodeShell ids={data.ids} className="flex items-center justify-center !rounded bg-node">
      <span className="font-mono text-[11px] font-semibold text-ink">VP{data.n}</span>
    </NodeShell>
  );
});
