import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { messages, TransactionAbortedError, type QueryOptions, type Results } from '@electric-sql/pglite';

/**
 * The embedded PGlite, run in its own thread (issue 12): `pglite-worker.mjs` owns the database and
 * this client stands in for a `PGlite` instance where Drizzle and the migrator use one (`query`,
 * `exec`, `transaction`), plus LISTEN/NOTIFY. The server's event loop only posts a message and waits:
 * HTTP, SSE and timers keep running while the database works.
 *
 * Same semantics as PGlite's own client: one connection, so a transaction holds it until it ends and
 * other statements wait their turn; statements run in the order they were sent.
 */
export interface PgliteThreadOptions {
  dataDir?: string;
  loadDataDir?: Blob;
  /** Extra postgres start parameters (`-c name=value` pairs), after PGlite's defaults. */
  startParams: string[];
}

/** `begin`: the worker opens the transaction just before this statement (one message for both). */
type Call =
  | { op: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object'; rawTypes: number[]; blob?: Blob; begin: boolean }
  | { op: 'exec'; sql: string; begin: boolean }
  | { op: 'close' };
type Reply = { id: number; result?: unknown; error?: Record<string, unknown> };
type Event = { type: 'ready' } | { type: 'failed'; error: Record<string, unknown> } | { type: 'notify'; channel: string; payload: string };
type Parser = (value: string, typeId: number) => unknown;

/** The statements a transaction callback may run (what Drizzle's PGlite session calls). */
export interface ThreadTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

/** Beside this module in src/, or in dist/server/ above the bundle chunk this module is part of. */
const WORKER_URL = [new URL('./pglite-worker.mjs', import.meta.url), new URL('../pglite-worker.mjs', import.meta.url)].find((url) => existsSync(fileURLToPath(url)));

/**
 * The thread's V8 heap (its JavaScript only: PGlite's WebAssembly memory is outside it). Results
 * are built there and cloned to the server, so it allocates a lot of short-lived objects: a small
 * young generation keeps that churn from holding V8's default 16 MB semi-spaces (several times
 * over) resident: ~30 MB less after a burst of reads at 20k prospects (48 MB: +78 MB, 8 MB: +46 MB).
 */
const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Rebuilds the error the worker caught: a Postgres error keeps its class, code and fields. */
function rebuildError(fields: Record<string, unknown>): Error {
  const message = typeof fields.message === 'string' ? fields.message : 'PGlite worker error';
  const error = typeof fields.code === 'string' ? new messages.DatabaseError(message, 0, 'error') : new Error(message);
  for (const [key, value] of Object.entries(fields)) if (key !== 'message' && key !== 'stack') Object.assign(error, { [key]: value });
  return error;
}

/** Applies the caller's own parsers to the columns the worker left as text. */
function applyParsers<T>(result: Results<T>, rowMode: 'array' | 'object', parsers: Record<number, Parser>): Results<T> {
  const fields = result.fields ?? [];
  for (const row of result.rows as unknown as Record<string | number, unknown>[]) {
    fields.forEach((field, index) => {
      const parse = parsers[field.dataTypeID];
      const key = rowMode === 'array' ? index : field.name;
      if (parse && row[key] !== null && row[key] !== undefined) row[key] = parse(row[key] as string, field.dataTypeID);
    });
  }
  return result;
}

export class PgliteThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly #listeners = new Map<string, Set<(payload: string) => void>>();
  #nextId = 1;
  #lock: Promise<unknown> = Promise.resolve();
  #failure: Error | null = null;
  #closed = false;
  readonly #ready: Promise<void>;

  private constructor(options: PgliteThreadOptions) {
    if (!WORKER_URL) throw new Error('pglite-worker.mjs is missing beside the server (rebuild: npm run build)');
    this.#worker = new Worker(WORKER_URL, { workerData: options, resourceLimits: WORKER_HEAP_LIMITS });
    let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} };
    this.#ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.#worker.on('message', (message: Reply | Event) => {
      if ('id' in message) return this.#settle(message);
      if (message.type === 'ready') settle.resolve();
      else if (message.type === 'failed') settle.reject(rebuildError(message.error));
      else for (const listener of this.#listeners.get(message.channel) ?? []) queueMicrotask(() => listener(message.payload));
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      this.#closed = true;
      settle.reject(error);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`The PGlite worker stopped (exit code ${code})`)));
  }

  /** Starts the worker and waits until its database is open. */
  static async open(options: PgliteThreadOptions): Promise<PgliteThread> {
    const thread = new PgliteThread(options);
    try {
      await thread.#ready;
    } catch (error) {
      await thread.#worker.terminate();
      throw error;
    }
    if (thread.#pending.size === 0) thread.#worker.unref();
    return thread;
  }

  get closed(): boolean {
    return this.#closed;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    // Only a thread with work in flight keeps the process alive, as an in-thread PGlite would.
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.error) pending.reject(rebuildError(reply.error));
    else pending.resolve(reply.result);
  }

  #call<T>(call: Call): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closed) return Promise.reject(new Error('PGlite is closed'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (this.#pending.size === 1) this.#worker.ref();
      this.#worker.postMessage({ id, ...call });
    });
  }

  /** One statement at a time on the single connection; a transaction holds it throughout. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  async #query<T>(sql: string, params: unknown[] = [], options: QueryOptions = {}, begin = false): Promise<Results<T>> {
    if (options.serializers) throw new Error('Custom serializers are not supported by the PGlite worker');
    const rowMode = options.rowMode ?? 'object';
    const parsers = (options.parsers ?? {}) as Record<number, Parser>;
    const rawTypes = Object.keys(parsers).map(Number);
    const result = await this.#call<Results<T>>({ op: 'query', sql, params, rowMode, rawTypes, blob: options.blob, begin });
    return rawTypes.length ? applyParsers(result, rowMode, parsers) : result;
  }

  #exec(sql: string, begin = false): Promise<Results[]> {
    return this.#call<Results[]>({ op: 'exec', sql, begin });
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.#exclusive(() => this.#query<T>(sql, params, options));
  }

  exec(sql: string): Promise<Results[]> {
    return this.#exclusive(() => this.#exec(sql));
  }

  /**
   * BEGIN … COMMIT around `callback`, rolled back if it throws (PGlite's own `transaction`). BEGIN
   * travels with the transaction's first statement: one hop less per transaction, and a hop is
   * what a busy event loop makes slow while the single connection waits.
   */
  transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      let begun = false;
      let closed = false;
      const open = () => {
        if (closed) throw new Error('Transaction is closed');
      };
      /** True for the statement that must open the transaction (the first one sent). */
      const opening = () => {
        open();
        const begin = !begun;
        begun = true;
        return begin;
      };
      // Nothing was sent: there is no transaction to end.
      const end = async (statement: 'COMMIT' | 'ROLLBACK') => (begun ? this.#exec(statement) : []);
      const tx: ThreadTransaction = {
        query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => this.#query<R>(sql, params, options, opening()),
        exec: (sql: string) => this.#exec(sql, opening()),
        rollback: async () => {
          open();
          closed = true;
          await end('ROLLBACK');
        },
        get closed() {
          return closed;
        },
      };
      try {
        const result = await callback(tx);
        if (!closed) {
          closed = true;
          const [commit] = await end('COMMIT');
          if (commit?.command === 'ROLLBACK') throw new TransactionAbortedError();
        }
        return result;
      } catch (error) {
        if (!closed) {
          closed = true;
          await end('ROLLBACK');
        }
        throw error;
      }
    });
  }

  /** LISTENs on `channel` (once per channel); returns the function that stops this listener. */
  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const quoted = `"${channel.replaceAll('"', '""')}"`;
    let set = this.#listeners.get(channel);
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
      await this.exec(`LISTEN ${quoted}`);
    }
    set.add(onPayload);
    return async () => {
      set.delete(onPayload);
      if (set.size === 0 && this.#listeners.get(channel) === set) {
        this.#listeners.delete(channel);
        if (!this.#closed) await this.exec(`UNLISTEN ${quoted}`);
      }
    };
  }

  /**
   * Closes the database after the statements already queued (a transaction still open gets two
   * seconds to finish) and stops the thread.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      let timer: NodeJS.Timeout | undefined;
      const idle = Promise.race([this.#lock, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      await idle.finally(() => clearTimeout(timer));
      await this.#call({ op: 'close' });
    } finally {
      this.#closed = true;
      await this.#worker.terminate();
    }
  }
}
