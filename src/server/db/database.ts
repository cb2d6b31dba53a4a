import { mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { drizzleClient } from './postgres-client.js';
import { PgliteThread } from './pglite-thread.js';
import { PGLITE_TEMPLATE_DIR, seedDataDirFromTemplate } from './pglite-template.js';
import { APP_ROLE, countAppliedMigrations, expectedMigrationCount, migratePglite, migratePostgres } from './migrate.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A Drizzle handle: the base connection or a transaction. Query functions take it first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Sees every statement Drizzle sends (tests count them; the bench replays them as raw SQL). */
export type StatementObserver = (query: string, params: unknown[]) => void;

export type DatabaseOptions =
  | {
      kind: 'pglite';
      dataDir?: string;
      loadDataDir?: Blob;
      /** A migrated data folder copied into `dataDir` when that is missing or empty (pglite-template.ts). */
      templateDir?: string;
      onStatement?: StatementObserver;
      worker?: boolean;
    }
  | { kind: 'postgres'; url: string; poolSize: number; prepare?: boolean; onStatement?: StatementObserver };

const observerLogger = (onStatement: StatementObserver | undefined) => (onStatement ? { logQuery: onStatement } : undefined);

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The bare handle. It runs as the restricted role with no workspace set, so a query on a
   * workspace table that forgot `withWorkspace` sees no rows (and cannot insert any).
   */
  readonly db: Db;
  /**
   * Runs `fn` in a transaction as the restricted role with `app.workspace_id` set: row-level
   * security limits every statement to that workspace. Never call the bare `db` (or another
   * helper) from inside `fn`: on PGlite the single connection is held by this transaction.
   */
  withWorkspace<T>(workspaceId: string, fn: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in a transaction as the connecting (owner) role, across workspaces. Only for the few
   * places that must find a row before its workspace is known (token look-ups, job claiming).
   */
  asSystem<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** LISTENs on a channel; returns the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** True when the database answers and every migration in `drizzle/` is applied. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** Runs raw SQL and returns its rows, whichever driver is underneath (their result shapes differ). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function databaseOptionsFromConfig(config: Config): DatabaseOptions {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize, prepare: config.databasePrepare }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite'), templateDir: PGLITE_TEMPLATE_DIR, worker: config.pgliteWorker };
}

/** Opens the database, applies pending migrations, and returns the scoped access helpers. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'pglite' ? openPglite(options) : openPostgres(options);
}

function scopedHelpers(db: Db, onStatement: StatementObserver | undefined) {
  const expectedMigrations = expectedMigrationCount();
  const asSystem = <T>(fn: (db: Db) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      onStatement?.('begin', []);
      await tx.execute(sql`set local role none`);
      return fn(tx);
    });
  return {
    asSystem,
    async isReady(): Promise<boolean> {
      try {
        return (await asSystem(countAppliedMigrations)) >= expectedMigrations;
      } catch {
        return false;
      }
    },
    withWorkspace<T>(workspaceId: string, fn: (db: Db) => Promise<T>): Promise<T> {
      // A malformed id would make the uuid cast fail inside the policy; treat it as "no such row".
      if (!UUID.test(workspaceId)) return Promise.reject(new AppError('NOT_FOUND', 'Workspace not found', { reason: 'workspace.not_found' }));
      return db.transaction(async (tx) => {
        onStatement?.('begin', []);
        // set_config('role', …, true) is SET LOCAL ROLE in function form; unlike SET it takes parameters.
        // Not awaited before `fn` starts: postgres.js pipelines it with fn's first statement (one
        // round trip for both); the connection runs them in order, so the scope is set first.
        const scoped = tx
          .execute(sql`select set_config('role', ${APP_ROLE}, true), set_config('app.workspace_id', ${workspaceId}, true)`)
          .then(() => null, (error: unknown) => asError(error));
        const result = await fn(tx).catch(async (error: unknown) => {
          throw (await scoped) ?? asError(error);
        });
        const scopeError = await scoped;
        if (scopeError) throw scopeError;
        return result;
      });
    },
  };
}

/**
 * PGlite's memory (issue 12): its WebAssembly heap grows to what Postgres touches and never shrinks,
 * so the caches are sized for one embedded user rather than Postgres's server defaults
 * (shared_buffers 128MB, maintenance_work_mem 64MB). Table files still sit in the OS page cache.
 */
export const PGLITE_MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB', '-c', 'temp_buffers=4MB', '-c', 'wal_buffers=1MB'];

type PgliteClient = Pick<PGlite, 'query' | 'exec' | 'transaction' | 'closed' | 'close'> & {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
};

async function startPglite(options: { dataDir?: string; loadDataDir?: Blob; worker?: boolean }): Promise<PgliteClient> {
  // Off the event loop by default; `worker: false` keeps it in this thread (PGLITE_WORKER=false).
  if (options.worker !== false) {
    const thread = await PgliteThread.open({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, startParams: PGLITE_MEMORY_SETTINGS });
    return thread as unknown as PgliteClient;
  }
  return PGlite.create({
    dataDir: options.dataDir,
    extensions: { pg_trgm },
    loadDataDir: options.loadDataDir,
    startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_SETTINGS],
  });
}

async function openPglite(options: Extract<DatabaseOptions, { kind: 'pglite' }>): Promise<Database> {
  // A new data folder starts as a copy of the build's migrated template (no initdb, no migrations
  // but those newer than the build); before PGlite starts, so the worker and in-thread modes alike.
  if (options.dataDir && options.templateDir) seedDataDirFromTemplate(options.dataDir, options.templateDir);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // PGlite's file system cannot start in a symlinked folder (a data volume mounted elsewhere and
  // linked in): it gets the folder's real path.
  const client = await startPglite(options.dataDir ? { ...options, dataDir: realpathSync(options.dataDir) } : options);
  const db: Db = drizzlePglite({ client: client as PGlite, schema, logger: observerLogger(options.onStatement) });
  await migratePglite(db);
  // One connection for everything: from here on its session role is the restricted one.
  await client.exec(`SET ROLE ${APP_ROLE}`);
  const helpers = scopedHelpers(db, options.onStatement);
  return {
    kind: 'pglite',
    db,
    ...helpers,
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(options: { url: string; poolSize: number; prepare?: boolean; onStatement?: StatementObserver }): Promise<Database> {
  await migratePostgres(options.url);
  const client = postgres(options.url, {
    max: options.poolSize,
    // Every pooled connection starts as the restricted role; `asSystem` steps back per transaction.
    connection: { role: APP_ROLE, application_name: 'sales-machine' },
    onnotice: () => {},
  });
  const db: Db = drizzlePostgres({ client: drizzleClient(client, { prepare: options.prepare !== false }), schema, logger: observerLogger(options.onStatement) });
  const helpers = scopedHelpers(db, options.onStatement);
  return {
    kind: 'postgres',
    db,
    ...helpers,
    async listen(channel, onPayload) {
      const subscription = await client.listen(channel, onPayload);
      return () => subscription.unlisten();
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
