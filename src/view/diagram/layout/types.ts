/** Types shared by every part of the layout. Units are React Flow flow units (1 = 1 CSS px at zoom 1). */
import type { Edge, Node } from '@xyflow/react';
import type { ComponentKind, LinkKind, VmId } from '../../../engine/types';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What a diagram node stands for. */
export type NodeRole =
  | 'component'
  | 'zone'
  | 'frame'
  | 'collapsed'
  | 'aggregate'
  | 'placeholder'
  | 'fold';

export interface DiagramNodeData extends Record<string, unknown> {
  role: NodeRole;
  /** The component a click selects; null for zones, frames and aggregates. */
  componentId: string | null;
  kind: ComponentKind | null;
  /** Every component drawn by this node (highlight, notes). */
  ids: string[];
  vm: VmId | null;
  n: number | null;
  /** Zones: which one. */
  zone?: 'root' | 'vm' | 'hardware' | 'nic' | 'vswitch';
  /** Zones with a user-mode band: its offset and height relative to the zone. */
  userBand?: { y: number; h: number } | null;
  /** Kernel-mode label offset relative to the zone. */
  kernelY?: number | null;
  /** Aggregates and the collapsed group: the VMs they stand for. */
  vms?: VmId[];
  /** Aggregates: the kind they aggregate. */
  aggregateOf?: ComponentKind;
  /** Extension placeholders (extension switched off). */
  extension?: 'capture' | 'filter' | 'forwarding';
  /** Compact rendering (small chips). */
  compact?: boolean;
  /** Zones: where the title sits (right: clear of the links that enter from the left). */
  titleAlign?: 'left' | 'right';
  /** Folded groups (overview levels): i18n key of the label, and of the one-line summary. */
  foldLabel?: string;
  foldSub?: string | null;
  /** Folded groups: the place they sit in (drives the tint). */
  foldTone?: 'root' | 'vm' | 'hv' | 'hardware' | 'wire';
  /** The hypervisor band (folded levels): x of its title's centre, clear of the pass-through windows. */
  foldTitleX?: number;
}

export type DiagramNode = Node<DiagramNodeData>;

export interface LinkEdgeData extends Record<string, unknown> {
  points: number[];
  kind: LinkKind;
  /** Link indices drawn by this edge (both directions). */
  links: number[];
  /** Both directions exist. */
  twoWay: boolean;
  /** Only drawn while this VF is assigned to this VM (vm.vf → nic.vf.k doorbell links). */
  onlyIfVf?: { vm: VmId; vf: number } | null;
}

export type DiagramEdge = Edge<LinkEdgeData>;

/** The polyline of one link, absolute flow coordinates. */
export interface LinkGeometry {
  /** x0, y0, x1, y1, … (at least two points). When both ends map to one node: that node's rect centre twice. */
  points: number[];
  /** Set when both ends of the link are drawn by the same node (collapsed VM internals). */
  inside: Rect | null;
  /**
   * The link's packets are not drawn: both ends are inside the "more VMs" group, whose per-VM
   * figures summarise them (drawn, they would pile into a blob over those figures).
   */
  summarized?: boolean;
}

/** How much the diagram shows: everything, or folded groups that read at small sizes (see lod.ts). */
export type DetailLevel = 'full' | 'overview' | 'minimal';

export interface LayoutOptions {
  /** Level of detail (default `full`). */
  level?: DetailLevel;
  /** `minimal` only: the arrangement for a narrow portrait pane (a phone), child partitions in one column. */
  narrow?: boolean;
  /** VMs the user expanded (most recent last). */
  expanded?: readonly VmId[];
  /** With more VMs than this, all but `slotsWhenCollapsed` collapse into a group. */
  maxAllExpanded?: number;
  slotsWhenCollapsed?: number;
  /** Queue and VF chips drawn individually before the rest aggregate. */
  maxQueues?: number;
  maxVfs?: number;
}

export interface LayoutResult {
  level: DetailLevel;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  linkGeometry: LinkGeometry[];
  /** Component id → id of the node that draws it. */
  nodeOf: Map<string, string>;
  /** Node id → absolute rect. */
  rects: Map<string, Rect>;
  visibleVms: VmId[];
  collapsedVms: VmId[];
  bounds: Rect;
  /** Rects (absolute) where a link crosses the hypervisor band without going through it, with the label drawn there. */
  passThrough: PassThrough[];
}

/** A place where links cross the hypervisor band untouched (the root's direct device access, an SR-IOV VF). */
export interface PassThrough {
  /** The window in the band the links pass through. */
  rect: Rect;
  /** Where its label is drawn (beside the window, never under a line). */
  label: Rect;
  /** i18n key of the label drawn on the band. */
  labelKey: string;
}

export const LAYOUT_DEFAULTS = {
  maxAllExpanded: 3,
  slotsWhenCollapsed: 2,
  maxQueues: 8,
  maxVfs: 8,
} as const;


/** A node before it becomes a React Flow node: absolute rect, parent by id. */
export interface Placed {
  id: string;
  type: string;
  parent: string | null;
  rect: Rect; // absolute
  data: DiagramNodeData;
  zIndex?: number;
}
