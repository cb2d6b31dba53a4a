import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';
import { Button } from './ui/Button.js';

type Props = { children: ReactNode; fallback?: (reset: () => void) => ReactNode };
type State = { error: Error | null };

/** Keeps one broken part of a page from blanking the whole app. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('UI error', error, info.componentStack);
  }

  reset = () => this.setState({ error: null });

  override render() {
    if (!this.state.error) return this.props.children;
    return this.props.fallback ? this.props.fallback(this.reset) : <ErrorFallback onReset={this.reset} />;
  }
}

/** What a broken part of the page shows: a retry (reset the part), or a reload when nothing else can help. */
export function ErrorFallback({ onReset }: { onReset?: () => void }) {
  const t = useT();
  return (
    <div role="alert" className="mx-auto my-16 max-w-md rounded-card border border-line bg-panel p-8 text-center shadow-card">
      <h2 className="text-lg font-semibold text-ink">{t('error.title')}</h2>
      <p className="mt-2 text-sm text-muted">{t('error.body')}</p>
      <Button className="mt-6" variant="secondary" onClick={onReset ?? (() => window.location.reload())}>
        {t('common.retry')}
      </Button>
    </div>
  );
}
