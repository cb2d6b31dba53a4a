// The production image keeps only `dependencies`: check that every package the bundled server
// imports is one of them (a devDependency would work in development and crash in Docker).
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// esbuild writes each external import as a statement of its own at the top level of the bundle.
const files = readdirSync('dist/server', { recursive: true }).filter((file) => /\.m?js$/.test(file));
const bundles = files.map((file) => readFileSync(`dist/server/${file}`, 'utf8'));
const specifiers = new Set(
  bundles.flatMap((bundle) => [
    ...[...bundle.matchAll(/^import\s[^;]*?from\s*"([^"./][^"]*)";$/gm)].map((m) => m[1]),
    ...[...bundle.matchAll(/^import\s*"([^"./][^"]*)";$/gm)].map((m) => m[1]),
    ...[...bundle.matchAll(/\bimport\("([^"./][^"]*)"\)/g)].map((m) => m[1]),
  ]),
);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const missing = [];
for (const specifier of specifiers) {
  if (builtins.has(specifier) || specifier.startsWith('node:')) continue;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  if (!pkg.dependencies?.[name]) missing.push(name);
}
if (missing.length) {
  console.error(`The server imports packages that are not production dependencies: ${[...new Set(missing)].join(', ')}`);
  process.exit(1);
}
console.log(`runtime dependencies OK (${specifiers.size} imports checked)`);
