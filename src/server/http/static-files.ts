import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.csv', '.map']);

/**
 * Serves a folder of static files: the built SPA (with history fallback to index.html) or a
 * package's assets. Files under `immutablePrefix` have content hashes in their names and are cached
 * for a year; everything else is revalidated. Text is gzipped once and kept in memory.
 */
export function createStaticHandler(options: { root: string; spaFallback: boolean; immutablePrefix?: string; urlPrefix?: string; sourceMaps?: boolean }) {
  const root = path.resolve(options.root);
  const gzipCache = new Map<string, Buffer>();
  const indexHtml = path.join(root, 'index.html');

  return function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let relative = pathname;
    if (options.urlPrefix) {
      if (!pathname.startsWith(options.urlPrefix)) return false;
      relative = pathname.slice(options.urlPrefix.length) || '/';
    }
    let file: string;
    try {
      file = path.resolve(root, `.${decodeURIComponent(relative)}`);
    } catch {
      return false;
    }
    // Never leave the root, whatever the URL says.
    if (file !== root && !file.startsWith(root + path.sep)) return false;
    if (options.sourceMaps === false && path.extname(file) === '.map') return false;
    if (!isFile(file)) {
      if (file === root && isFile(indexHtml)) file = indexHtml;
      else if (options.spaFallback && !path.extname(relative) && isFile(indexHtml)) file = indexHtml;
      else return false;
    }
    const ext = path.extname(file);
    res.statusCode = 200;
    res.setHeader('Content-Type', MIME[ext] ?? 'application/octet-stream');
    const immutable = options.immutablePrefix !== undefined && relative.startsWith(options.immutablePrefix);
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && COMPRESSIBLE.has(ext)) {
      let body = gzipCache.get(file);
      if (!body || !immutable) {
        body = gzipSync(readFileSync(file));
        if (immutable) gzipCache.set(file, body);
      }
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    res.setHeader('Content-Length', statSync(file).size);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}
