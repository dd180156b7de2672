/**
 * The baseline of `npm run bench:ui`: React Flow's documented way to animate things along edges
 * (a custom edge drawing `<circle><animateMotion path={edgePath} /></circle>`, see
 * https://reactflow.dev/examples/edges/animating-edges), with as many nodes, edges and moving
 * packets as the app's case: `?nodes=N&edges=E&packets=P`.
 *
 * It has the same three inputs the app's latency is measured on, each a React state change:
 * a switch (`role=switch`, recolours every node), a click on a packet (selects it and names it in
 * a side panel) and a panel button (opens a side panel).
 */
import { StrictMode, useMemo, useState, memo, createContext, useContext } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, BaseEdge, getSmoothStepPath, type Edge, type EdgeProps, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const q = new URLSearchParams(location.search);
const NODES = Math.max(2, Number(q.get('nodes') ?? 60));
const EDGES = Math.max(1, Number(q.get('edges') ?? 80));
const PACKETS = Math.max(0, Number(q.get('packets') ?? 1000));
const COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed'];
const DUR_S = 2;

const SelectContext = createContext<(id: string) => void>(() => {});

type PacketEdgeData = { count: number; first: number };

const PacketEdge = memo(function PacketEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<Edge<PacketEdgeData>>) {
  const select = useContext(SelectContext);
  const [edgePath] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const count = data?.count ?? 0;
  const first = data?.first ?? 0;
  const circles = [];
  for (let i = 0; i < count; i++) {
    const pid = first + i;
    circles.push(
      <circle key={i} r="5" fill={COLORS[pid % 4]} data-packet={pid} style={{ pointerEvents: 'all', cursor: 'pointer' }} onClick={() => select(`packet ${pid}`)}>
        <animateMotion dur={`${DUR_S}s`} begin={`${(-DUR_S * i) / Math.max(1, count)}s`} repeatCount="indefinite" path={edgePath} />
      </circle>,
    );
  }
  return (
    <>
      <BaseEdge id={id} path={edgePath} />
      {circles}
    </>
  );
});

const edgeTypes = { packet: PacketEdge };

function build(alt: boolean): { nodes: Node[]; edges: Edge<PacketEdgeData>[] } {
  const cols = Math.ceil(Math.sqrt(NODES * 1.6));
  const nodes: Node[] = Array.from({ length: NODES }, (_, i) => ({
    id: `n${i}`,
    position: { x: (i % cols) * 190, y: Math.floor(i / cols) * 110 },
    data: { label: `Node ${i}` },
    style: alt ? { background: '#fde68a' } : undefined,
  }));
  const per = Math.floor(PACKETS / EDGES);
  let extra = PACKETS - per * EDGES;
  let first = 0;
  const edges: Edge<PacketEdgeData>[] = Array.from({ length: EDGES }, (_, i) => {
    const s = i % NODES;
    const t = (i * 7 + 1 + Math.floor(i / NODES)) % NODES;
    const count = per + (extra-- > 0 ? 1 : 0);
    const e = { id: `e${i}`, source: `n${s}`, target: `n${t === s ? (t + 1) % NODES : t}`, type: 'packet', data: { count, first } };
    first += count;
    return e;
  });
  return { nodes, edges };
}

function App() {
  const [alt, setAlt] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState(false);
  const { nodes, edges } = useMemo(() => build(alt), [alt]);
  return (
    <SelectContext.Provider value={setSelected}>
      <div style={{ display: 'flex', height: '100%', fontFamily: 'sans-serif' }}>
        <div style={{ width: 220, padding: 8, borderRight: '1px solid #ccc' }}>
          <button type="button" role="switch" aria-checked={alt} aria-label="Highlight" onClick={() => setAlt((a) => !a)}>
            Highlight {alt ? 'on' : 'off'}
          </button>
          <button type="button" aria-expanded={panel} onClick={() => setPanel((p) => !p)} data-testid="panel-button">
            Panel
          </button>
          <p data-testid="selected">{selected ?? 'nothing selected'}</p>
        </div>
        <div style={{ flex: 1, position: 'relative' }} data-testid="flow">
          <ReactFlow nodes={nodes} edges={edges} edgeTypes={edgeTypes} fitView minZoom={0.05} />
        </div>
        {panel && (
          <aside style={{ width: 300, padding: 8, borderLeft: '1px solid #ccc' }} data-testid="panel">
            <h2>Panel</h2>
            <p>{edges.length} edges, {PACKETS} packets</p>
          </aside>
        )}
      </div>
    </SelectContext.Provider>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
