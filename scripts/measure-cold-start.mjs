// Cold start of the built app on an empty data folder (PGlite initdb + migrations + listen),
// then a warm restart on the same folder, then `npm start`'s restart (dist/ current: the build is
// skipped; budget ≤ 1 s). With --fresh, also `npm start` without dist/ (what a fresh clone does
// after `npm ci`: build, then start; budget ≤ 3 s). Used by CI and quoted in the README.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

async function boot(dataDir, entry = 'dist/server/main.js') {
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
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  if (ready.status !== 200) throw new Error(`/ready answered ${ready.status}`);
  return ms;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'sm-cold-'));
try {
  if (process.argv.includes('--fresh')) {
    rmSync('dist', { recursive: true, force: true });
    const fresh = await boot(dataDir, 'scripts/start.mjs');
    console.log(`npm start on a fresh clone (build, new data folder): ${fresh} ms (budget ≤ 3000 ms)`);
  } else {
    await boot(dataDir, 'scripts/start.mjs'); // builds if dist/ is not current
  }
  const cold = await boot(mkdtempSync(path.join(tmpdir(), 'sm-cold-')));
  const warm = await boot(dataDir);
  const restart = await boot(dataDir, 'scripts/start.mjs');
  console.log(`cold start (new data folder): ${cold} ms; restart (existing data): ${warm} ms; npm start restart (build skipped): ${restart} ms (budget ≤ 1000 ms)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
