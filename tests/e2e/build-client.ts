import { execFileSync } from 'node:child_process';

/** The server serves dist/client: build it once before the browser tests. */
export default function buildClient() {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
