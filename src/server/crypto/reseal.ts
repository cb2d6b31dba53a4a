import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../db/database.js';
import type { SecretBox } from './secret-box.js';

/**
 * Every column in the database that holds a sealed value, with the column naming its key. Add a
 * line here whenever a table gains a sealed column: key rotation re-encrypts what is listed.
 */
export const SEALED_COLUMNS = [
  { table: 'api_credentials', columns: ['secret_ciphertext'], keyIdColumn: 'key_id' },
  { table: 'mailboxes', columns: ['smtp_password_ciphertext', 'imap_password_ciphertext'], keyIdColumn: 'key_id' },
  { table: 'sending_domains', columns: ['dkim_private_key_ciphertext'], keyIdColumn: 'dkim_key_id' },
  { table: 'webhook_endpoints', columns: ['secret_ciphertext'], keyIdColumn: 'key_id' },
] as const;

type SealedTable = (typeof SEALED_COLUMNS)[number];
type Row = { id: string } & Record<string, string | null>;

export type SealedScan = {
  /** Sealed values per table (a mailbox row with two passwords counts two). */
  values: Record<string, number>;
  /** Values sealed by an older key (to re-seal). */
  stale: Record<string, number>;
  /** Values no known key opens (unknown key id, or tampered). */
  unreadable: Record<string, number>;
};

const id = (name: string) => sql.identifier(name);

/** The sum over the tables of a per-table count. */
export function countTotal(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function anyColumnSet(spec: SealedTable): SQL {
  return sql.join(
    spec.columns.map((column) => sql`${id(column)} is not null`),
    sql` or `,
  );
}

/** Rows holding at least one value not sealed by the current key, or whose key id column lags. */
function staleCondition(spec: SealedTable, currentKeyId: string): SQL {
  const prefix = `v1.${currentKeyId}.%`;
  const staleValue = sql.join(
    spec.columns.map((column) => sql`(${id(column)} is not null and ${id(column)} not like ${prefix})`),
    sql` or `,
  );
  return sql`(${staleValue}) or ((${anyColumnSet(spec)}) and ${id(spec.keyIdColumn)} is distinct from ${currentKeyId})`;
}

function columnList(spec: SealedTable): SQL {
  return sql.join(
    spec.columns.map((column) => id(column)),
    sql`, `,
  );
}

/**
 * Reads every sealed value across all workspaces (system access: rotation is an operator task
 * that spans tenants) and tries to open it. Pages by id so memory stays flat on big tables.
 */
export async function scanSealedValues(database: Database, secretBox: SecretBox, pageSize = 500): Promise<SealedScan> {
  const scan: SealedScan = { values: {}, stale: {}, unreadable: {} };
  for (const spec of SEALED_COLUMNS) {
    let values = 0;
    let stale = 0;
    let unreadable = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await database.asSystem((db) =>
        queryRows<Row>(
          db,
          sql`select id::text as id, ${columnList(spec)} from ${id(spec.table)}
              where (${anyColumnSet(spec)}) and id > ${after}::uuid order by id limit ${pageSize}`,
        ),
      );
      for (const row of rows) {
        for (const column of spec.columns) {
          const value = row[column];
          if (value == null) continue;
          values += 1;
          if (secretBox.isStale(value)) stale += 1;
          try {
            secretBox.open(value);
          } catch {
            unreadable += 1;
          }
        }
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]!.id;
    }
    scan.values[spec.table] = values;
    scan.stale[spec.table] = stale;
    scan.unreadable[spec.table] = unreadable;
  }
  return scan;
}

async function resealBatch(db: Db, spec: SealedTable, secretBox: SecretBox, batchSize: number): Promise<number> {
  // FOR UPDATE: a concurrent save of the same row waits instead of being overwritten.
  const rows = await queryRows<Row>(
    db,
    sql`select id::text as id, ${columnList(spec)} from ${id(spec.table)}
        where ${staleCondition(spec, secretBox.currentKeyId)} order by id limit ${batchSize} for update`,
  );
  let resealed = 0;
  for (const row of rows) {
    const assignments: SQL[] = [];
    for (const column of spec.columns) {
      const value = row[column];
      if (value == null || !secretBox.isStale(value)) continue;
      // open() throws on an unreadable value: the batch rolls back and the run stops.
      assignments.push(sql`${id(column)} = ${secretBox.seal(secretBox.open(value)).ciphertext}`);
      resealed += 1;
    }
    assignments.push(sql`${id(spec.keyIdColumn)} = ${secretBox.currentKeyId}`);
    await db.execute(sql`update ${id(spec.table)} set ${sql.join(assignments, sql`, `)} where id = ${row.id}::uuid`);
  }
  return rows.length === 0 ? -1 : resealed;
}

/**
 * Re-encrypts every value not sealed by the current key, across all workspaces (system access, as
 * for the scan), in batches (one transaction each), and
 * returns how many values were re-sealed per table. Idempotent: a second run finds nothing to do,
 * and a run cut short is finished by the next one.
 */
export async function resealAll(
  database: Database,
  secretBox: SecretBox,
  options: { batchSize?: number; onBatch?: (table: string, resealed: number) => void } = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 100;
  const counts: Record<string, number> = {};
  for (const spec of SEALED_COLUMNS) {
    counts[spec.table] = 0;
    for (;;) {
      const resealed = await database.asSystem((db) => resealBatch(db, spec, secretBox, batchSize));
      if (resealed < 0) break;
      counts[spec.table] = (counts[spec.table] ?? 0) + resealed;
      options.onBatch?.(spec.table, resealed);
    }
  }
  return counts;
}
