// Keep-alive HTTP load generator (autocannon-like), run in its own process so it does not share
// the server's event loop. Prints one JSON line: requests, errors, req/s, p50/p95/p99 (ms).
//   node bench/load-client.mjs <url> <clients> <seconds> [cookie] [probeUrl]
// With probeUrl, a separate connection also calls it every 100 ms (e.g. /health) and reports its p99.
import http from 'node:http';

const [url, clientsArg = '50', secondsArg = '10', cookie = '', probeUrl = ''] = process.argv.slice(2);
const clients = Number(clientsArg);
const seconds = Number(secondsArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const TIMEOUT_MS = 10_000;

function get(target, viaAgent) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.get(target, { agent: viaAgent, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, ms: performance.now() - started, status: res.statusCode }));
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ ok: false, ms: performance.now() - started, status: error.message }));
  });
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

const deadline = performance.now() + seconds * 1000;
const times = [];
const failures = {};
let errors = 0;
async function client() {
  while (performance.now() < deadline) {
    const result = await get(url, agent);
    if (result.ok) times.push(result.ms);
    else {
      errors++;
      failures[result.status] = (failures[result.status] ?? 0) + 1;
    }
  }
}
const probeTimes = [];
async function probe() {
  while (probeUrl && performance.now() < deadline) {
    const result = await get(probeUrl, probeAgent);
    probeTimes.push(result.ok ? result.ms : TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const began = performance.now();
await Promise.all([...Array.from({ length: clients }, client), probe()]);
const elapsed = (performance.now() - began) / 1000;
times.sort((a, b) => a - b);
probeTimes.sort((a, b) => a - b);
agent.destroy();
probeAgent.destroy();
console.log(
  JSON.stringify({
    requests: times.length,
    errors,
    failures,
    rps: times.length / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    probeP99: probeUrl ? percentile(probeTimes, 99) : null,
  }),
);
