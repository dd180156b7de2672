/**
 * React Flow settings for a diagram inside someone else's page (an iframe, or `?embed=1`):
 * the wheel scrolls the page instead of zooming the diagram. Zoom stays available with
 * Ctrl + wheel (React Flow's pinch zoom, which is how trackpad pinches arrive too), Cmd + wheel on
 * macOS (React Flow's default zoom activation key) and the zoom buttons.
 *
 * Usage in the diagram: `<ReactFlow {...flowProps} {...embedFlowProps()}>`.
 */
import { inFrame, pageKind } from '../presenter/pageMode';

export interface EmbedFlowProps {
  zoomOnScroll: boolean;
  preventScrolling: boolean;
  panOnScroll: boolean;
  zoomOnPinch: boolean;
}

export function isEmbedded(): boolean {
  return pageKind === 'embed' || (typeof window !== 'undefined' && inFrame());
}

/** Props to spread onto <ReactFlow> (empty when the app is a page of its own). */
export function embedFlowProps(): Partial<EmbedFlowProps> {
  return isEmbedded() ? { zoomOnScroll: false, preventScrolling: false, panOnScroll: false, zoomOnPinch: true } : {};
}
