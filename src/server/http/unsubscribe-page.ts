import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.js';
import { findUnsubscribeTarget, unsubscribe } from '../sending/unsubscribe.service.js';
import { readBody } from './body.js';

/**
 * `/u/TOKEN`: POST unsubscribes at once (mail clients' one-click, RFC 8058: no login, no redirect,
 * idempotent); GET shows a small page in the recipient's language whose button POSTs — a link
 * scanner that follows every URL in a mail must not unsubscribe anyone by itself.
 */

const TEXT = {
  en: {
    title: 'Unsubscribe',
    confirm: 'Stop receiving emails from us at {email}?',
    button: 'Unsubscribe',
    done: 'You are unsubscribed: {email} will receive no more emails from us.',
    unknown: 'This unsubscribe link is not valid.',
  },
  fr: {
    title: 'Désinscription',
    confirm: 'Ne plus recevoir nos e-mails à l’adresse {email}\u00a0?',
    button: 'Me désinscrire',
    done: 'Vous êtes désinscrit(e)\u00a0: {email} ne recevra plus nos e-mails.',
    unknown: 'Ce lien de désinscription n’est pas valide.',
  },
} as const;

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, language: 'en' | 'fr', body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`<!doctype html><html lang="${language}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${TEXT[language].title}</title><main>${body}</main></html>`);
}

function preferredLanguage(req: IncomingMessage): 'en' | 'fr' {
  return /^fr\b/i.test(req.headers['accept-language'] ?? '') ? 'fr' : 'en';
}

export async function handleUnsubscribe(req: IncomingMessage, res: ServerResponse, database: Database, token: string, maxBodyBytes: number): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.statusCode = 405;
    res.setHeader('Allow', 'GET, POST');
    res.end();
    return;
  }
  const target = await findUnsubscribeTarget(database, token);
  const language = target?.language ?? preferredLanguage(req);
  const text = TEXT[language];
  if (!target) return page(res, 404, language, `<p>${text.unknown}</p>`);
  const email = escape(target.email);
  if (req.method === 'POST') {
    // The body (`List-Unsubscribe=One-Click`) is read and not required: the token is what counts.
    await readBody(req, maxBodyBytes).catch(() => '');
    await unsubscribe(database, target);
    return page(res, 200, language, `<p>${text.done.replace('{email}', email)}</p>`);
  }
  return page(
    res,
    200,
    language,
    `<h1>${text.title}</h1><p>${text.confirm.replace('{email}', email)}</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${text.button}</button></form>`,
  );
}
