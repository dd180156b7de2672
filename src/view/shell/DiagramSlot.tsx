import { Diagram } from '../diagram/Diagram';
import { ErrorBoundary } from './ErrorBoundary';

/** The React Flow diagram (src/view/diagram), isolated so a failure there leaves the rest usable. */
export function DiagramSlot() {
  return (
    <ErrorBoundary area="diagram">
      <Diagram />
    </ErrorBoundary>
  );
}
