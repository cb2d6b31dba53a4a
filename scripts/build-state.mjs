// What makes dist/ current, shared by scripts/build.mjs (npm run build, and npm ci through
// `prepare`) and scripts/start.mjs (npm start). "Current" = dist/.build-hash equals a SHA-256 over
// everything the build reads (sources, public assets, build configuration, lockfile); tests are left
// out (they are not built). The PGlite data-folder template has its own key: it depends only on the
// migrations, the PGlite version (lockfile) and the code that writes it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_INPUTS = ['src', 'public', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/build-server.mjs'];
const TEMPLATE_INPUTS = ['drizzle', 'package-lock.json', 'src/server/db/pglite-template.ts', 'src/server/db/migrate.ts'];

export const paths = (root = ROOT) => ({
  hashFile: path.join(root, 'dist', '.build-hash'),
  entry: path.join(root, 'dist', 'server', 'main.js'),
  template: path.join(root, 'dist', 'server', 'pglite-template'),
  templateKeyFile: path.join(root, 'dist', 'server', 'pglite-template.key'),
});

const isTest = (name) => name.endsWith('.test.ts') || name.endsWith('.test.tsx');

function filesUnder(root, relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => (isTest(entry.name) ? [] : filesUnder(root, path.join(relative, entry.name))))
    .sort();
}

function hashOf(root, inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => filesUnder(root, input))) {
    hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

export const sourceHash = (root = ROOT) => hashOf(root, BUILD_INPUTS);
export const templateKey = (root = ROOT) => hashOf(root, TEMPLATE_INPUTS);

const readTrimmed = (file) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : null);

/** The hash dist/ was built from, or null when there is no complete build. */
export function builtHash(root = ROOT) {
  const { hashFile, entry } = paths(root);
  return existsSync(entry) ? readTrimmed(hashFile) : null;
}

export function templateIsCurrent(root = ROOT) {
  const { template, templateKeyFile } = paths(root);
  return existsSync(path.join(template, 'PG_VERSION')) && readTrimmed(templateKeyFile) === templateKey(root);
}

/** Runs a Node script in the app folder, output shown; resolves with its exit code. */
export function runNode(args, root = ROOT) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export const viteArgs = (root = ROOT) => [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'];
