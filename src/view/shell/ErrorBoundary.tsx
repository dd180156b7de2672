import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18next } from '../../i18n';

/**
 * Keeps one failing area (the diagram, a panel) from blanking the page: it shows a short message
 * with a retry button in its place, and the rest of the app keeps working.
 */
export class ErrorBoundary extends Component<{ area: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[${this.props.area}]`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="m-3 rounded-lg border-2 border-danger bg-panel p-3">
        <p className="font-semibold text-danger">{i18next.t('shell.areaFailed', { area: this.props.area })}</p>
        <p className="font-mono text-sm text-muted">{this.state.error.message}</p>
        <button type="button" className="mt-2 rounded-md border border-line bg-raised px-3 py-1 font-semibold" onClick={() => this.setState({ error: null })}>
          {i18next.t('shell.retry')}
        </button>
      </div>
    );
  }
}
