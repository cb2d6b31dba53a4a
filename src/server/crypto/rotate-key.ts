import { randomBytes } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfigOrExit } from '../config.js';
import { databaseOptionsFromConfig, openDatabase, type Database } from '../db/database.js';
import { countTotal, resealAll, scanSealedValues, type SealedScan } from './reseal.js';
import { KEY_FILE_NAME, keyIdOf, parseKey, PREVIOUS_KEY_FILE_NAME, readKeyFile, SecretBox, writeKeyFile } from './secret-box.js';

/**
 * `npm run rotate-key`: re-encrypts every sealed value in the database (all workspaces) with the
 * current key, so older keys can be dropped.
 *
 * - ENCRYPTION_KEY set: the operator has put the NEW key in ENCRYPTION_KEY and the old one(s) in
 *   ENCRYPTION_PREVIOUS_KEYS (and restarted the app, which then seals with the new key and still
 *   reads old values). This re-seals; afterwards the old keys can be removed from the environment.
 * - No ENCRYPTION_KEY (generated key in DATA_DIR): this generates a new key file, keeps the old key
 *   in `encryption.previous.key` until every value is re-sealed, then deletes that file. Stop the
 *   app first (it holds the old key in memory); start it again afterwards.
 *
 * Either way it first opens every value, and refuses to change anything when some value cannot be
 * opened with any known key. `--dry-run` only reports.
 */
export type RotateOptions = {
  database: Database;
  dataDir: string;
  encryptionKey?: string;
  previousKeys?: string[];
  dryRun?: boolean;
  batchSize?: number;
  print?: (line: string) => void;
};

export type RotateResult =
  | { status: 'refused'; reason: string; scan?: SealedScan }
  | { status: 'checked'; keyId: string; scan: SealedScan }
  | { status: 'rotated'; keyId: string; previousKeyIds: string[]; resealed: Record<string, number>; values: number };

function describe(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `${table}: ${n}`)
    .join(', ');
}

export async function rotateEncryptionKey(options: RotateOptions): Promise<RotateResult> {
  const print = options.print ?? (() => {});
  const keyFile = path.join(options.dataDir, KEY_FILE_NAME);
  const previousFile = path.join(options.dataDir, PREVIOUS_KEY_FILE_NAME);
  const envPrevious = (options.previousKeys ?? []).map(parseKey);
  const pending = readKeyFile(previousFile);
  const fileMode = !options.encryptionKey;

  let current: Buffer;
  let older: Buffer[];
  if (fileMode) {
    const [fileKey] = readKeyFile(keyFile);
    if (!fileKey) return { status: 'refused', reason: `ENCRYPTION_KEY is not set and there is no key file at ${keyFile}: there is no key to rotate from.` };
    current = fileKey;
    older = [...pending, ...envPrevious];
    if (pending.length > 0) print(`Resuming an unfinished rotation (${previousFile} exists).`);
  } else {
    current = parseKey(options.encryptionKey!);
    older = [...envPrevious, ...pending, ...readKeyFile(keyFile)];
  }

  // Check first, change nothing if any value is unreadable.
  const checkBox = new SecretBox(current, older);
  const scan = await scanSealedValues(options.database, checkBox);
  const unreadable = countTotal(scan.unreadable);
  print(`Sealed values: ${countTotal(scan.values)} (${describe(scan.values)}); not sealed with the current key: ${countTotal(scan.stale)}.`);
  if (unreadable > 0) {
    return {
      status: 'refused',
      scan,
      reason:
        `${unreadable} value${unreadable === 1 ? '' : 's'} cannot be decrypted with any known key (${describe(scan.unreadable)}). ` +
        'Add the key that sealed them to ENCRYPTION_PREVIOUS_KEYS and run again. Nothing was changed.',
    };
  }
  if (options.dryRun) return { status: 'checked', keyId: checkBox.currentKeyId, scan };

  let box = checkBox;
  if (fileMode && pending.length === 0) {
    // Old key to the side first, then the new key in place: a crash in between leaves both readable.
    writeKeyFile(previousFile, [current]);
    const next = randomBytes(32);
    writeKeyFile(keyFile, [next]);
    box = new SecretBox(next, [current, ...envPrevious]);
    print(`Generated a new key ${box.currentKeyId} in ${keyFile}; the old key ${keyIdOf(current)} is kept in ${previousFile} until the end.`);
  }

  const resealed = await resealAll(options.database, box, {
    batchSize: options.batchSize,
    onBatch: (table, n) => print(`  ${table}: re-sealed ${n}`),
  });

  // Prove the old keys are no longer needed before dropping any of them.
  const after = await scanSealedValues(options.database, new SecretBox(fileMode ? readKeyFile(keyFile)[0]! : current));
  const left = countTotal(after.unreadable);
  if (left > 0) {
    return { status: 'refused', scan: after, reason: `${left} value(s) still need an old key (${describe(after.unreadable)}); run again.` };
  }
  if (existsSync(previousFile)) unlinkSync(previousFile);
  const dropped = box === checkBox ? older : [current, ...older];
  const previousKeyIds = [...new Set(dropped.map(keyIdOf))].filter((keyId) => keyId !== box.currentKeyId);
  return { status: 'rotated', keyId: box.currentKeyId, previousKeyIds, resealed, values: countTotal(after.values) };
}

/** Something answers on the app's port: in key-file or PGlite mode the app must be stopped. */
async function appIsRunning(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function main(argv: string[]): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const force = argv.includes('--force');
  const config = loadConfigOrExit();
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (!dryRun && !force && (!config.encryptionKey || !config.databaseUrl) && (await appIsRunning(config.port))) {
    print(`Sales Machine seems to be running on port ${config.port}. Stop it first (it holds the key in memory), or pass --force.`);
    return 1;
  }
  const database = await openDatabase(databaseOptionsFromConfig(config));
  try {
    const result = await rotateEncryptionKey({
      database,
      dataDir: config.dataDir,
      encryptionKey: config.encryptionKey,
      previousKeys: config.previousEncryptionKeys,
      dryRun,
      print,
    });
    if (result.status === 'refused') {
      print(`Refused: ${result.reason}`);
      return 1;
    }
    if (result.status === 'checked') {
      print(`Dry run: every value opens; current key ${result.keyId}. Nothing was changed.`);
      return 0;
    }
    print(`Done: re-sealed ${countTotal(result.resealed)} value(s) (${describe(result.resealed)}); all ${result.values} sealed values now use key ${result.keyId}.`);
    if (config.encryptionKey) {
      const leftOver = path.join(config.dataDir, KEY_FILE_NAME);
      print(`Now remove the old key(s) from ENCRYPTION_PREVIOUS_KEYS${existsSync(leftOver) ? ` and delete ${leftOver}` : ''}, then restart the app.`);
    } else {
      print('The old key was deleted. Start the app again. (Production should set ENCRYPTION_KEY: see README.)');
    }
    return 0;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`rotate-key failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
