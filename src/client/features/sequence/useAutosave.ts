import { useCallback, useEffect, useRef, useState } from 'react';
import { trpc } from '../../lib/trpc.js';
import { toServer, type DraftStep } from './sequence-draft.js';

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

const DEBOUNCE_MS = 800;

/**
 * Saves the whole sequence a moment after the last edit (one PUT at a time; an edit made during a
 * save is saved right after it). `revision` counts edits: the state is `saved` only when the last
 * edit is stored. `saveNow` flushes before an action that reads the stored sequence (a test send).
 */
export function useAutosave(campaignId: string, steps: DraftStep[], revision: number) {
  const utils = trpc.useUtils();
  const put = trpc.sequences.put.useMutation();
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  // Read through refs so `save` stays one function: the mutation object changes on every render.
  const putSequence = useRef(put.mutateAsync);
  const latest = useRef({ steps, revision });
  useEffect(() => {
    putSequence.current = put.mutateAsync;
    latest.current = { steps, revision };
  });
  const saved = useRef(revision);
  const running = useRef<Promise<boolean> | null>(null);

  const save = useCallback(async (): Promise<boolean> => {
    for (;;) {
      while (running.current) await running.current;
      if (saved.current === latest.current.revision) break;
      const { steps: toSave, revision: target } = latest.current;
      const attempt = (async () => {
        setState('saving');
        try {
          await putSequence.current(toServer(campaignId, toSave));
          saved.current = target;
          setError(null);
          void utils.launch.preflight.invalidate({ id: campaignId });
          return true;
        } catch (caught) {
          setError(caught);
          setState('error');
          return false;
        }
      })();
      running.current = attempt;
      const ok = await attempt;
      running.current = null;
      if (!ok) return false;
    }
    setState('saved');
    return true;
  }, [campaignId, utils]);

  useEffect(() => {
    if (revision === saved.current) return;
    setState((current) => (current === 'saving' ? current : 'unsaved'));
    const timer = setTimeout(() => void save(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [revision, save]);

  // Leaving with an edit not yet stored: the browser asks first.
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  return { state, error, saveNow: save };
}
