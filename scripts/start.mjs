// `npm start`: builds only when dist/ is not current, then runs the server in this same process.
// (The build runs as `npm run build` does, client and server in parallel; see below.)
// "Current" = dist/.build-hash equals a SHA-256 over everything the build reads (sources, public
// assets, build configuration, lockfile); a fresh clone or any change rebuilds, a restart does not.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const wanted = sourceHash();
const built = existsSync(HASH_FILE) && existsSync(ENTRY) ? readFileSync(HASH_FILE, 'utf8').trim() : null;
if (built === wanted) {
  const { startServer } = await import(pathToFileURL(ENTRY).href);
  await startServer();
} else {
  // `npm run build`, its two halves side by side: the server bundle takes a fraction of a second,
  // then the server opens (on a fresh clone: initialises) its database while Vite still builds the
  // client, and listens only once the client is built, so /ready never answers for half an app.
  console.error(built ? 'Sources changed since the last build: building…' : 'No current build: building…');
  rmSync(HASH_FILE, { force: true });
  const client = run([path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  const server = await run([path.join(root, 'scripts', 'build-server.mjs')]);
  if (server !== 0) process.exit(server);
  const clientBuilt = client.then((code) => {
    if (code !== 0) process.exit(code);
    writeFileSync(HASH_FILE, `${wanted}\n`);
  });
  const { startServer } = await import(pathToFileURL(ENTRY).href);
  await startServer({ beforeListen: clientBuilt });
}
