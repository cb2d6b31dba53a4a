// Bundles the server into dist/server/main.js, and the key rotation tool into
// dist/server/rotate-key.js so `npm run rotate-key` works where only dist/ is shipped (the Docker
// image has no src/ and no tsx). Dependencies stay in node_modules. PGlite's worker thread
// (src/server/db/pglite-worker.mjs) is copied beside them.
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/server/main.ts',
    'rotate-key': 'src/server/crypto/rotate-key.ts',
    // Writes the migrated PGlite data-folder template (scripts/build.mjs runs it).
    'write-pglite-template': 'src/server/db/write-pglite-template.ts',
  },
  outdir: 'dist/server',
  bundle: true,
  // main.js stays small: what `import('./app.js')` needs loads from a chunk while PGlite boots.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// The embedded database's thread: plain JavaScript, loaded next to the bundle (see db/pglite-thread.ts).
copyFileSync('src/server/db/pglite-worker.mjs', 'dist/server/pglite-worker.mjs');
