// `npm run build`, and `npm ci` through the root package's `prepare` script (`--prepare`), so a fresh
// clone's first `npm start` finds dist/ current instead of building (issue 12). The client (Vite) and
// the server bundle (esbuild) build side by side; once the server bundle exists, the PGlite
// data-folder template (pglite-template.ts) is written while Vite still works. dist/.build-hash is
// written last, only when everything succeeded: a failed build exits non-zero (and so fails
// `npm ci`) and leaves dist/ not current, so `npm start` builds again rather than serve half an app.
import { rmSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paths, ROOT, runNode, sourceHash, templateIsCurrent, templateKey, viteArgs } from './build-state.mjs';

const { hashFile, template, templateKeyFile } = paths();

if (process.argv.includes('--prepare')) {
  // `npm ci --omit=dev` has no build tools: nothing to build there (`npm start` builds when it finds
  // no current build). The Dockerfile's dependency layer (only package.json and the lockfile) never
  // gets here: package.json's `prepare` runs this file only where it exists. Anything else that
  // fails, fails npm ci.
  if (!existsSync(path.join(ROOT, 'src'))) {
    console.error('prepare: no sources here (a dependency-only install): not building.');
    process.exit(0);
  }
  if (!existsSync(path.join(ROOT, 'node_modules', 'vite'))) {
    console.error('prepare: build tools not installed (--omit=dev): not building; `npm start` will.');
    process.exit(0);
  }
}

const wanted = sourceHash(); // before building: an edit made during the build rebuilds next time
rmSync(hashFile, { force: true });
const client = runNode(viteArgs());
const server = await runNode([path.join(ROOT, 'scripts', 'build-server.mjs')]);
let templateBuilt = Promise.resolve(0);
if (server === 0 && !templateIsCurrent()) {
  const key = templateKey();
  rmSync(templateKeyFile, { force: true });
  templateBuilt = runNode([path.join(ROOT, 'dist', 'server', 'write-pglite-template.js'), template]).then((code) => {
    if (code === 0) writeFileSync(templateKeyFile, `${key}\n`);
    return code;
  });
}
const failed = [server, await client, await templateBuilt].find((code) => code !== 0);
if (failed !== undefined) {
  console.error('The build failed (see above).');
  process.exit(failed);
}
writeFileSync(hashFile, `${wanted}\n`);
