import type postgres from 'postgres';

/*
 * The postgres.js client as Drizzle sees it: transactions on a reserved connection, and (unless
 * DATABASE_PREPARE=false) named prepared statements.
 */

type Scoped = (sql: postgres.Sql) => unknown;

/**
 * Transactions on a connection of their own. postgres.js's `begin` can write BEGIN on a pooled
 * connection whose pipeline it fills without reserving it (porsager/postgres#823, #1189, open in
 * 3.4.9): the request then fails with UNSAFE_TRANSACTION, or worse, other requests' statements
 * pipeline into that transaction (with its role and workspace scope). Seen here under 200
 * concurrent clients. `reserve()` only hands out an idle connection, never a pipelined one, so
 * BEGIN … COMMIT run alone on it; statements inside still pipeline on it.
 */
function beginOnReserved(pool: postgres.Sql) {
  return async (...args: unknown[]): Promise<unknown> => {
    const fn = args.find((arg): arg is Scoped => typeof arg === 'function');
    const mode = typeof args[0] === 'string' ? args[0].replace(/[^a-z ]/gi, '') : '';
    if (!fn) throw new Error('begin needs a callback');
    const connection = await pool.reserve();
    try {
      await connection.unsafe(`begin ${mode}`);
      let result: unknown;
      try {
        result = await fn(withSavepoints(connection));
      } catch (error) {
        // The first error is the one to report; a rollback that fails means the connection is
        // gone, and postgres.js reconnects it before its next use.
        await connection.unsafe('rollback').catch(() => {});
        throw error;
      }
      await connection.unsafe('commit');
      return result;
    } finally {
      connection.release();
    }
  };
}

/** The reserved connection as a transaction client: `savepoint(fn)` for nested transactions. */
function withSavepoints(connection: postgres.ReservedSql): postgres.Sql {
  let count = 0;
  const client: postgres.Sql = new Proxy(connection, {
    get(target, property, receiver) {
      if (property === 'savepoint') {
        return async (...args: unknown[]) => {
          const fn = args.find((arg): arg is Scoped => typeof arg === 'function');
          if (!fn) throw new Error('savepoint needs a callback');
          const name = `s${++count}`;
          await target.unsafe(`savepoint ${name}`);
          try {
            const result = await fn(client);
            await target.unsafe(`release savepoint ${name}`);
            return result;
          } catch (error) {
            await target.unsafe(`rollback to savepoint ${name}`);
            throw error;
          }
        };
      }
      if (property === 'release' || property === 'begin') return undefined;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return client;
}

/**
 * Drizzle hands postgres.js every statement through `unsafe`, which does not prepare by default:
 * each parameterised statement was parsed and described on every call. This view of the client
 * (and of the transaction clients `begin` / `savepoint` hand out) asks for named prepared
 * statements, cached per connection by postgres.js.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  const wrapScoped =
    (original: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) =>
      original(...args.map((arg) => (typeof arg === 'function' ? (scoped: postgres.Sql) => (arg as Scoped)(preparing(scoped)) : arg)));
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: Boolean(params?.length) });
      }
      if (property === 'begin' || property === 'savepoint') return wrapScoped((value as (...args: unknown[]) => unknown).bind(target));
      return (value as (...args: unknown[]) => unknown).bind(target);
    },
  });
}

/** The pool Drizzle is given: reserved-connection transactions, prepared statements unless `prepare` is false. */
export function drizzleClient(pool: postgres.Sql, options: { prepare: boolean }): postgres.Sql {
  const reservedBegin = beginOnReserved(pool);
  const client = new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'begin') return reservedBegin;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return options.prepare ? preparing(client) : client;
}
