/** Node and edge types at module scope, so React Flow never sees a new object (xyflow hygiene). */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { AggregateNode } from './nodes/AggregateNode';
import { CollapsedNode } from './nodes/CollapsedNode';
import { ComponentNode } from './nodes/ComponentNode';
import { FoldNode, PassLabelNode } from './nodes/FoldNode';
import { FrameNode } from './nodes/FrameNode';
import { HypervisorNode } from './nodes/HypervisorNode';
import { IommuNode } from './nodes/IommuNode';
import { LpNode } from './nodes/LpNode';
import { NicNode } from './nodes/NicNode';
import { NicVfNode } from './nodes/NicVfNode';
import { PlaceholderNode } from './nodes/PlaceholderNode';
import { QueueNode } from './nodes/QueueNode';
import { RingNode } from './nodes/RingNode';
import { VpNode } from './nodes/VpNode';
import { WireNode } from './nodes/WireNode';
import { ZoneNode } from './nodes/ZoneNode';
import { LinkEdge } from './LinkEdge';

export const nodeTypes: NodeTypes = {
  zone: ZoneNode,
  frame: FrameNode,
  component: ComponentNode,
  ring: RingNode,
  queue: QueueNode,
  nicvf: NicVfNode,
  lp: LpNode,
  iommu: IommuNode,
  hypervisor: HypervisorNode,
  nic: NicNode,
  wire: WireNode,
  vp: VpNode,
  aggregate: AggregateNode,
  placeholder: PlaceholderNode,
  collapsed: CollapsedNode,
  fold: FoldNode,
  passlabel: PassLabelNode,
};

export const edgeTypes: EdgeTypes = { link: LinkEdge };
