// Cold start of the built app on an empty data folder (PGlite initdb + migrations + listen),
// then a warm restart on the same folder. Prints both; used by CI and quoted in the README.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

async function boot(dataDir) {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
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
  const cold = await boot(dataDir);
  const warm = await boot(dataDir);
  console.log(`cold start (new data folder): ${cold} ms; restart (existing data): ${warm} ms`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
