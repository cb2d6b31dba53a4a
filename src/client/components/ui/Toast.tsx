import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.js';
import { cx } from './cx.js';
import { CloseIcon } from './icons.js';

type ToastTone = 'success' | 'error' | 'info';
type ToastItem = { id: number; tone: ToastTone; message: string };
type ToastApi = { success: (message: string) => void; error: (message: string) => void; info: (message: string) => void };

const ToastContext = createContext<ToastApi | null>(null);
let nextId = 1;

/** Toasts live in an aria-live region, so screen readers announce them without moving focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const t = useT();
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const push = useCallback(
    (tone: ToastTone, message: string) => {
      const id = nextId++;
      setToasts((list) => [...list.slice(-3), { id, tone, message }]);
      setTimeout(() => dismiss(id), tone === 'error' ? 8000 : 4500);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({ success: (m) => push('success', m), error: (m) => push('error', m), info: (m) => push('info', m) }),
    [push],
  );
  const tones: Record<ToastTone, string> = {
    success: 'border-success-600/30 bg-panel',
    error: 'border-danger-600/40 bg-panel',
    info: 'border-line bg-panel',
  };
  const dots: Record<ToastTone, string> = { success: 'bg-success-600', error: 'bg-danger-600', info: 'bg-brand-500' };
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div role="status" aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-full max-w-sm flex-col gap-2">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            data-testid={`toast-${toast.tone}`}
            className={cx('pointer-events-auto flex items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg animate-slide-up', tones[toast.tone])}
          >
            <span className={cx('mt-1.5 size-2 shrink-0 rounded-full', dots[toast.tone])} aria-hidden="true" />
            <p className="flex-1 text-ink">{toast.message}</p>
            <button type="button" className="-m-1 rounded p-1 text-muted hover:text-ink" onClick={() => dismiss(toast.id)} aria-label={t('common.close')}>
              <CloseIcon />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}
