// `node dist/server/write-pglite-template.js [folder]`: writes the migrated PGlite data-folder
// template (see pglite-template.ts). Run by scripts/build.mjs after the server bundle is built.
import { PGLITE_TEMPLATE_DIR, writePgliteDataTemplate } from './pglite-template.js';

const target = process.argv[2] ?? PGLITE_TEMPLATE_DIR;
writePgliteDataTemplate(target).catch((error: unknown) => {
  process.stderr.write(`Could not write the PGlite template: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
