// `npm start`: builds only when dist/ is not current, then runs the server in this same process.
// "Current" = dist/.build-hash equals a SHA-256 over everything the build reads (sources, public
// assets, build configuration, lockfile); a fresh clone or any change rebuilds, a restart does not.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['src', 'public', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build-server.mjs'];
const HASH_FILE = path.join(root, 'dist', '.build-hash');
const ENTRY = path.join(root, 'dist', 'server', 'main.js');

function filesUnder(relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => (entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx') ? [] : filesUnder(path.join(relative, entry.name))))
    .sort();
}

export function sourceHash() {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

const wanted = sourceHash();
const built = existsSync(HASH_FILE) && existsSync(ENTRY) ? readFileSync(HASH_FILE, 'utf8').trim() : null;
if (built !== wanted) {
  console.error(built ? 'Sources changed since the last build: building…' : 'No current build: building…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(HASH_FILE, `${wanted}\n`);
}
await import(pathToFileURL(ENTRY).href);
