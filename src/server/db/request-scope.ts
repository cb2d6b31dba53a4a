import type { Database, Db } from './database.js';

/** Thrown inside the shared transaction to roll it back (a read that failed part-way). */
class Rollback extends Error {}

export type InWorkspace = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

/**
 * One workspace transaction for a whole read request (issue 12): the first `inWorkspace` call
 * opens it (role and workspace set once), later calls reuse it one after the other, and `finish`
 * commits it when the procedure is done. A call that fails leaves the transaction to be rolled
 * back and the rest of the request falls back to a transaction per call, as before.
 */
export function requestScope(database: Database, workspaceId: string): { inWorkspace: InWorkspace; finish: () => Promise<void> } {
  let shared: Promise<Db> | undefined;
  let closed: Promise<Error | null> = Promise.resolve(null);
  let release: (outcome: 'commit' | 'rollback') => void = () => {};
  let queue: Promise<unknown> = Promise.resolve();
  let broken = false;

  const open = () =>
    new Promise<Db>((resolveDb, rejectDb) => {
      const done = new Promise<'commit' | 'rollback'>((resolve) => (release = resolve));
      closed = database
        .withWorkspace(workspaceId, async (tx) => {
          resolveDb(tx);
          if ((await done) === 'rollback') throw new Rollback('rolled back');
        })
        .then(
          () => null,
          (error: unknown) => {
            if (error instanceof Rollback) return null;
            const failure = error instanceof Error ? error : new Error(String(error));
            rejectDb(failure);
            return failure;
          },
        );
    });

  const inWorkspace: InWorkspace = (fn) => {
    if (broken) return database.withWorkspace(workspaceId, fn);
    shared ??= open();
    const run = queue.then(async () => {
      if (broken) return database.withWorkspace(workspaceId, fn);
      const tx = await shared!;
      try {
        return await fn(tx);
      } catch (error) {
        broken = true;
        throw error;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    inWorkspace,
    async finish() {
      if (!shared) return;
      await queue;
      release(broken ? 'rollback' : 'commit');
      // A failed commit is the request's failure (a read may still have written, e.g. a renewal).
      const error = await closed;
      if (error && !broken) throw error;
    },
  };
}
