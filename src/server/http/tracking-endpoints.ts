import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.js';
import { isLikelyBot } from '../tracking/tracking-rules.js';
import { recordClick, recordOpen } from '../tracking/tracking.service.js';

/** `/t/o/TOKEN.gif` (open pixel) and `/t/c/TOKEN` (click redirect): public, no session. */

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const hitOf = (req: IncomingMessage) => {
  const userAgent = req.headers['user-agent'];
  return { userAgent, likelyBot: isLikelyBot(userAgent, req.method ?? 'GET'), at: new Date() };
};

function refuseMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  res.statusCode = 405;
  res.setHeader('Allow', 'GET, HEAD');
  res.end();
  return true;
}

export async function handleOpenPixel(req: IncomingMessage, res: ServerResponse, database: Database, token: string): Promise<void> {
  if (refuseMethod(req, res)) return;
  const known = await recordOpen(database, token, hitOf(req));
  res.statusCode = known ? 200 : 404;
  res.setHeader('Content-Type', 'image/gif');
  res.setHeader('Cache-Control', 'no-store, no-cache, must-revalidate, private');
  res.setHeader('Content-Length', String(PIXEL.length));
  res.end(req.method === 'HEAD' ? undefined : PIXEL);
}

export async function handleClick(req: IncomingMessage, res: ServerResponse, database: Database, token: string): Promise<void> {
  if (refuseMethod(req, res)) return;
  const url = await recordClick(database, token, hitOf(req));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  if (!url) {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('This link is not valid.');
    return;
  }
  res.statusCode = 302;
  res.setHeader('Location', url);
  res.end();
}
