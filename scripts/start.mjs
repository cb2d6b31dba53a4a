// `npm start`: builds only when dist/ is not current (scripts/build-state.mjs), then runs the server
// in this same process. `npm ci` already builds (the `prepare` script), so a fresh clone's first
// start and every restart skip the build; a change to the sources rebuilds.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtHash, paths, ROOT, runNode, sourceHash, templateIsCurrent, viteArgs } from './build-state.mjs';

const { entry, hashFile, template, templateKeyFile } = paths();
const wanted = sourceHash();
const built = builtHash();
if (built === wanted) {
  const { startServer } = await import(pathToFileURL(entry).href);
  await startServer();
} else {
  // `npm run build`'s client and server halves side by side: the server bundle takes a fraction of
  // a second, then the server opens its database while Vite still builds the client, and listens
  // only once the client is built, so /ready never answers for half an app. A template left from
  // other migrations or another PGlite is removed (a new data folder then initialises itself);
  // `npm run build` writes a current one.
  console.error(built ? 'Sources changed since the last build: building…' : 'No current build: building…');
  rmSync(hashFile, { force: true });
  if (!templateIsCurrent()) {
    rmSync(template, { recursive: true, force: true });
    rmSync(templateKeyFile, { force: true });
  }
  const client = runNode(viteArgs());
  const server = await runNode([path.join(ROOT, 'scripts', 'build-server.mjs')]);
  if (server !== 0) process.exit(server);
  const clientBuilt = client.then((code) => {
    if (code !== 0) process.exit(code);
    writeFileSync(hashFile, `${wanted}\n`);
  });
  const { startServer } = await import(pathToFileURL(entry).href);
  await startServer({ beforeListen: clientBuilt });
}
