import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtHash, paths, sourceHash, templateIsCurrent, templateKey } from '../scripts/build-state.mjs';
import { TEST_TMP } from './helpers/test-db.js';

// `npm start` builds only when dist/ is not current (issue 12): a change to anything the build reads
// must rebuild, and nothing else may.
describe('whether dist/ is current (npm start, npm run build)', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  /** What scripts/build.mjs leaves behind for the sources as they are now. */
  const markBuilt = () => {
    write('dist/server/main.js', '// bundle');
    write('dist/.build-hash', `${sourceHash(root)}\n`);
  };
  const isCurrent = () => builtHash(root) === sourceHash(root);

  beforeEach(() => {
    root = mkdtempSync(path.join(TEST_TMP, 'build-state-'));
    write('src/server/main.ts', 'export {};');
    write('src/server/main.test.ts', 'test');
    write('src/client/app.tsx', 'export {};');
    write('public/favicon.svg', '<svg/>');
    write('package.json', '{}');
    write('package-lock.json', '{}');
    write('vite.config.ts', 'export default {};');
    write('drizzle/0000_init.sql', 'create table t ();');
    write('README.md', '# readme');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is not current on a fresh clone, and is after a build', () => {
    expect(builtHash(root)).toBeNull();
    expect(isCurrent()).toBe(false);
    markBuilt();
    expect(isCurrent()).toBe(true);
  });

  it('rebuilds after a source, asset, configuration or lockfile change, an added or a removed file', () => {
    for (const change of [
      () => write('src/server/main.ts', 'export const changed = 1;'),
      () => write('src/client/new-page.tsx', 'export {};'),
      () => rmSync(path.join(root, 'src/client/app.tsx')),
      () => write('public/favicon.svg', '<svg id="new"/>'),
      () => write('vite.config.ts', 'export default { base: "/" };'),
      () => write('package-lock.json', '{"lockfileVersion":3}'),
    ]) {
      markBuilt();
      change();
      expect(isCurrent()).toBe(false);
    }
  });

  it('does not rebuild for a test, the README or a migration (the server reads drizzle/ itself)', () => {
    markBuilt();
    write('src/server/main.test.ts', 'changed test');
    write('README.md', '# changed');
    write('drizzle/0001_next.sql', 'create table u ();');
    expect(isCurrent()).toBe(true);
  });

  it('does not trust a hash without the server bundle (a build interrupted half-way)', () => {
    markBuilt();
    rmSync(path.join(root, 'dist/server/main.js'));
    expect(isCurrent()).toBe(false);
  });

  it('writes the PGlite template again after a migration or lockfile change, not after a source change', () => {
    const { template, templateKeyFile } = paths(root);
    write(path.relative(root, path.join(template, 'PG_VERSION')), '17');
    write(path.relative(root, templateKeyFile), `${templateKey(root)}\n`);
    expect(templateIsCurrent(root)).toBe(true);
    write('src/client/app.tsx', 'export const changed = 1;');
    expect(templateIsCurrent(root)).toBe(true);
    write('drizzle/0001_next.sql', 'create table u ();');
    expect(templateIsCurrent(root)).toBe(false);
    write(path.relative(root, templateKeyFile), `${templateKey(root)}\n`);
    write('package-lock.json', '{"lockfileVersion":3}');
    expect(templateIsCurrent(root)).toBe(false);
  });
});
