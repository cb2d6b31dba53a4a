// @ts-check
// The embedded database's thread (issue 12): PGlite runs here, in a worker_threads worker, so its
// WebAssembly work never blocks the server's event loop (HTTP, SSE, timers). The main thread talks
// to it through `pglite-thread.ts`, one message per statement. Plain JavaScript on purpose: the same
// file runs from src/ (tests, tsx) and, copied by scripts/build-server.mjs, from dist/server/.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

if (!parentPort) throw new Error('pglite-worker.mjs runs as a worker thread');
const port = parentPort;

/** @type {{ dataDir?: string; loadDataDir?: Blob; startParams: string[] }} */
const options = workerData;
const client = new PGlite({
  dataDir: options.dataDir,
  loadDataDir: options.loadDataDir,
  extensions: { pg_trgm },
  startParams: [...PGlite.defaultStartParams, ...options.startParams],
});
client.onNotification((channel, payload) => port.postMessage({ type: 'notify', channel, payload }));

/** Only the plain fields of an error cross the thread boundary; the main thread rebuilds it. */
function plainError(error) {
  /** @type {Record<string, unknown>} */
  // Emscripten's file-system errors (ErrnoError) are not Error instances and carry their cause as
  // an errno: say that much rather than "[object Object]".
  const raw = error instanceof Error || typeof error?.message === 'string' ? error.message : String(error);
  const errno = typeof error?.errno === 'number' ? error.errno : null;
  const message = raw && raw !== '[object Object]' ? raw : errno !== null ? `PGlite file-system error (errno ${errno}) in its data folder` : 'PGlite worker error';
  const fields = { message };
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
    }
  }
  return fields;
}

/** Columns whose types the caller parses itself come back as the text Postgres sent. */
const asText = (types) => Object.fromEntries(types.map((type) => [type, (value) => value]));

/** A transaction's first statement carries its BEGIN (`begin`), saving the thread a round trip. */
const handlers = {
  async query({ sql, params, rowMode, rawTypes, blob, begin }) {
    if (begin) await client.exec('BEGIN');
    return client.query(sql, params, { rowMode, parsers: asText(rawTypes), blob });
  },
  async exec({ sql, begin }) {
    if (begin) await client.exec('BEGIN');
    return client.exec(sql);
  },
  async close() {
    if (!client.closed) await client.close();
    return null;
  },
};

/** Statements run strictly in the order they arrived (a transaction pipelines its first two). */
let queue = Promise.resolve();
port.on('message', (message) => {
  queue = queue.then(async () => {
    const { id, op } = message;
    try {
      await client.waitReady;
      const result = await handlers[op](message);
      port.postMessage({ id, result });
    } catch (error) {
      port.postMessage({ id, error: plainError(error) });
    }
    if (op === 'close') port.close();
  });
});

client.waitReady.then(
  () => port.postMessage({ type: 'ready' }),
  (error) => port.postMessage({ type: 'failed', error: plainError(error) }),
);
