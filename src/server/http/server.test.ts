import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../config.js';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { TEST_TMP } from '../../../tests/helpers/test-db.js';
import { createStaticHandler } from './static-files.js';
import { createServer } from 'node:http';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

describe('static files and the SPA', () => {
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    const root = path.join(TEST_TMP, `static-${process.pid}`);
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>spa</title>');
    writeFileSync(path.join(root, 'assets/app-1a2b3c.js'), 'console.log("hi")'.repeat(50));
    writeFileSync(path.join(TEST_TMP, 'secret.txt'), 'do not serve');
    const serve = createStaticHandler({ root, spaFallback: true, immutablePrefix: '/assets/' });
    const server = createServer((req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://x').pathname;
      if (!serve(req, res, pathname)) {
        res.statusCode = 404;
        res.end('nope');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('serves index.html for client routes (history fallback), never cached for long', async () => {
    const res = await fetch(`${base}/campaigns/123`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>spa</title>');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets with a year-long immutable cache, gzipped when asked', async () => {
    const res = await fetch(`${base}/assets/app-1a2b3c.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves source maps when told not to (production), however the name is spelled', async () => {
    const root = path.join(TEST_TMP, `static-${process.pid}`);
    writeFileSync(path.join(root, 'assets/app-1a2b3c.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const serve = createStaticHandler({ root, spaFallback: true, immutablePrefix: '/assets/', sourceMaps: false });
    const server = createServer((req, res) => {
      if (!serve(req, res, new URL(req.url ?? '/', 'http://x').pathname)) {
        res.statusCode = 404;
        res.end('nope');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const prodBase = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${prodBase}/assets/app-1a2b3c.js.map`)).status).toBe(404);
      expect((await fetch(`${prodBase}/assets/app-1a2b3c.js%2Emap`)).status).toBe(404);
      expect((await fetch(`${prodBase}/assets/app-1a2b3c.js`)).status).toBe(200);
      // Outside production the same file is served, for debugging.
      expect((await fetch(`${base}/assets/app-1a2b3c.js.map`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('the production build writes no source maps', async () => {
    const { default: viteConfig } = (await import('../../../vite.config.js')) as { default: { build?: { sourcemap?: unknown } } };
    expect(viteConfig.build?.sourcemap).toBe(false);
  });

  it('answers 404 for a missing file with an extension and never leaves its folder', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2Fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/secret.txt`)).status).toBe(404);
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3 document of the REST endpoints with our error envelope', async () => {
    const res = await fetch(`${t.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths['/auth/sign-up']!.post!.responses)).toContain('201');
    expect(Object.keys(doc.paths['/auth/sign-out']!.post!.responses)).toContain('204');
    expect(doc.paths['/me']!.get).toBeDefined();
    expect(JSON.stringify(doc.paths['/auth/sign-in']!.post!.responses['400'])).toContain('#/components/schemas/Error');
    // The inbox lists conversations: each row says how many replies it holds and which is the latest.
    const inbox = JSON.stringify(doc.paths['/admin/inbox']!.get!.responses['200']);
    for (const field of ['replyCount', 'unreadCount', 'latestMessageId', 'lastSentMailboxEmail']) expect(inbox).toContain(`"${field}"`);
    expect(JSON.stringify(doc.paths['/admin/inbox/unread-count']!.get!.responses['200'])).toContain('"conversations"');
  });

  it('serves Swagger UI without inline scripts', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>[^<]/);
    expect((await fetch(`${t.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe('tRPC errors', () => {
  it('carries zod issues to the client', async () => {
    await expect(t.client().trpc().auth.signUp.mutate({ email: 'nope', password: 'x', name: 'n', workspaceName: 'w' })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST', issues: expect.arrayContaining([expect.objectContaining({ path: ['email'] })]) },
    });
  });

  it('refuses a NUL character anywhere in an input with 400 naming the field, over REST and tRPC', async () => {
    const rest = await t.client().request<{ error: { code: string; issues: { path: (string | number)[] }[] } }>('POST', '/api/auth/sign-up', {
      json: { email: 'nul@example.com', password: 'correct horse battery', name: 'Nul\u0000Name', workspaceName: 'W' },
    });
    expect(rest.status).toBe(400);
    expect(rest.body.error.issues).toEqual([{ path: ['name'], message: 'Name must not contain a NUL character', code: 'custom', params: { rule: 'text.nul' } }]);
    await expect(
      t.client().trpc().auth.signUp.mutate({ email: 'nul2@example.com', password: 'correct horse battery', name: 'N', workspaceName: 'W\u0000' }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST', issues: [{ path: ['workspaceName'] }] } });
  });

  it('answers with Cache-Control: no-store, like REST', async () => {
    const client = t.client();
    await client.signUp();
    const res = await fetch(`${t.url}/trpc/auth.me`, { headers: client.headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${t.url}/trpc/auth.me`)).headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 to a protected procedure without a session', async () => {
    const res = await fetch(`${t.url}/trpc/auth.me`);
    expect(res.status).toBe(401);
  });
});

describe('process lifecycle', () => {
  it('exits 0 on SIGTERM after finishing, and refuses to start with a bad variable', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: APP_ROOT, env: { ...process.env, PORT: 'abc' } });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const badCode = await new Promise<number | null>((resolve) => bad.on('exit', resolve));
    expect(badCode).toBe(1);
    expect(stderr).toContain('PORT');

    const dataDir = path.join(TEST_TMP, `lifecycle-${process.pid}`);
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: process.env.DATABASE_URL ? t.database.url : '' };
    const app = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: APP_ROOT, env });
    let out = '';
    const listening = new Promise<string>((resolve, reject) => {
      app.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/[\d.:a-z]+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      app.on('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
    });
    const url = await listening;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    app.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => app.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('"signal":"SIGTERM"');
  }, 60_000);
});
