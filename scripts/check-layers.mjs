// Layer rules ESLint cannot express file by file, checked over the whole server tree (`npm run lint`):
//  1. no import cycle between the folders of src/server (a domain may use another only one way);
//  2. the transport (trpc/, http/, *.router.ts, the root router) is imported by nothing below it.
// Test files and test helpers are left out: they may reach anywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(root, 'src/server');
const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.ts$|\.test-helpers\.ts$|test-fixtures\.ts$|\.test-data\.ts$/.test(name) ? [full] : [];
  });
}

const isTransport = (file) => {
  const relative = path.relative(server, file);
  return relative.startsWith(`trpc${path.sep}`) || relative.startsWith(`http${path.sep}`) || relative.endsWith('.router.ts') || relative === 'router.ts';
};
/**
 * The layer-folder a file belongs to: its top folder under src/server, except that every transport
 * file (a domain's `*.router.ts` included) counts as one layer above all domains, and files directly
 * in src/server as `(root)`.
 */
const folderOf = (file) => {
  if (isTransport(file)) return '(transport)';
  const relative = path.relative(server, file).split(path.sep);
  return relative.length > 1 ? relative[0] : '(root)';
};
// Entry points wire the transport to everything else; they are above every layer.
const ENTRY_POINTS = new Set(['app.ts', 'main.ts']);

const files = sourceFiles(server);
const edges = new Map();
const problems = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const target = path.resolve(path.dirname(file), match[1]).replace(/\.js$/, '.ts');
    if (!target.startsWith(server)) continue;
    const from = folderOf(file);
    const to = folderOf(target);
    const fromRelative = path.relative(server, file);
    if (isTransport(target) && !isTransport(file) && !ENTRY_POINTS.has(fromRelative)) {
      problems.push(`${fromRelative} imports the transport layer (${path.relative(server, target)})`);
    }
    if (from === to || from === '(root)' || to === '(root)' || from === '(transport)') continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const targets = edges.get(from);
    if (!targets.has(to)) targets.set(to, `${fromRelative} → ${path.relative(server, target)}`);
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a cycle.
let index = 0;
const stack = [];
const state = new Map();
function visit(node) {
  state.set(node, { index, low: index, onStack: true });
  index++;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next);
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
    } else if (state.get(next).onStack) {
      state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
    }
  }
  if (state.get(node).low === state.get(node).index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) {
      const inside = new Set(component);
      const links = component.flatMap((from) => [...(edges.get(from) ?? [])].filter(([to]) => inside.has(to)).map(([, example]) => `    ${example}`));
      problems.push(`import cycle between folders ${component.sort().join(', ')}:\n${links.join('\n')}`);
    }
  }
}
for (const node of edges.keys()) if (!state.has(node)) visit(node);

if (problems.length) {
  console.error(`Layer check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Layer check: ${files.length} files, ${edges.size} folders, no folder cycle, transport imported only from above.`);
