// Issue 12's start budgets, as CI prints them (and the README quotes):
// - fresh clone: `npm ci && npm start` → /ready ≤ 3 s after npm ci. npm ci builds (the `prepare`
//   script), so this is `npm start` with dist/ current on a new, empty data folder (seeded from the
//   build's PGlite template);
// - restart: `npm start` again on that data folder ≤ 1 s.
// Also the server alone (node dist/server/main.js) on a new and on an existing data folder, and with
// --without-template a new data folder that initialises itself (initdb + every migration).
// Each figure comes with the server's CPU time and the load average: the machine is shared.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { builtHash, paths, runNode, sourceHash } from './build-state.mjs';

/** Starts `entry` on `dataDir`; resolves with the time to a 200 from /ready and the CPU it used. */
async function boot(dataDir, entry) {
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', JOBS_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+?)"/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const ready = await fetch(`${url}/ready`);
  const ms = Math.round(performance.now() - started);
  // utime + stime of the whole process (its threads included), in clock ticks of 10 ms.
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const cpuMs = (Number(stat[11]) + Number(stat[12])) * 10;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  if (ready.status !== 200) throw new Error(`/ready answered ${ready.status}`);
  return { ms, cpuMs, load: loadavg()[0].toFixed(2) };
}

const line = (label, { ms, cpuMs, load }, budget) =>
  console.log(`${label}: ${ms} ms (CPU ${cpuMs} ms, load average ${load})${budget ? ` — budget ≤ ${budget} ms: ${ms <= budget ? 'met' : 'NOT met'}` : ''}`);

if (builtHash() !== sourceHash()) {
  console.error('dist/ is not current: building as npm ci does…');
  if ((await runNode(['scripts/build.mjs'])) !== 0) process.exit(1);
}
const folders = [];
const newFolder = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sm-start-'));
  folders.push(dir);
  return dir;
};
try {
  const dataDir = newFolder();
  line('fresh clone: npm start after npm ci (new data folder)', await boot(dataDir, 'scripts/start.mjs'), 3000);
  line('restart: npm start (existing data)', await boot(dataDir, 'scripts/start.mjs'), 1000);
  line('server alone, new data folder', await boot(newFolder(), 'dist/server/main.js'));
  line('server alone, existing data', await boot(dataDir, 'dist/server/main.js'));
  if (process.argv.includes('--without-template')) {
    const { template } = paths();
    const aside = `${template}.aside`;
    if (!existsSync(template)) throw new Error('no template to set aside');
    renameSync(template, aside);
    try {
      line('server alone, new data folder without the template (initdb + migrations)', await boot(newFolder(), 'dist/server/main.js'));
    } finally {
      renameSync(aside, template);
    }
  }
} finally {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}
