import { MessageBuildError } from './message-headers.js';
import { escapeHtml } from './template.js';

/**
 * The footer every sequence message carries: an unsubscribe line and the sender's postal address
 * (CAN-SPAM, and what Gmail/Yahoo expect of bulk senders), in the recipient's language, or both
 * (French first) when it is not known.
 */

export type FooterLanguage = 'en' | 'fr' | 'both';

export type FooterInput = {
  language: FooterLanguage;
  unsubscribeUrl: string;
  /** The workspace's postal address; required (launch preflight checks it first). */
  postalAddress: string;
  companyName?: string | null;
};

export type Footer = { text: string; html: string };

const LINES = {
  en: { lead: 'To stop receiving these emails, unsubscribe here:', link: 'Unsubscribe' },
  // French typography puts a (no-break) space before the colon.
  fr: { lead: 'Pour ne plus recevoir ces e-mails, désinscrivez-vous ici\u00a0:', link: 'Se désinscrire' },
} as const;

export function buildFooter(input: FooterInput): Footer {
  const address = input.postalAddress
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(', ');
  if (!address) throw new MessageBuildError('postal_address_missing', 'footer');
  const company = input.companyName?.trim();
  const sender = company ? `${company}, ${address}` : address;
  const languages = input.language === 'both' ? (['fr', 'en'] as const) : [input.language];
  const url = input.unsubscribeUrl;
  const text = ['', '--', ...languages.map((language) => `${LINES[language].lead} ${url}`), sender].join('\n');
  const href = escapeHtml(url);
  const htmlLines = languages.map((language) => `${escapeHtml(LINES[language].lead)} <a href="${href}">${escapeHtml(LINES[language].link)}</a>`);
  const html = `<p style="margin-top:24px;font-size:12px;color:#6b7280">${[...htmlLines, escapeHtml(sender)].join('<br>')}</p>`;
  return { text, html };
}

/** The body with the footer after it (the footer's text starts with a blank line). */
export function withFooter(body: { text: string; html: string | null }, footer: Footer): { text: string; html: string | null } {
  const text = `${body.text.replace(/\s+$/, '')}\n${footer.text}`;
  if (body.html === null) return { text, html: null };
  const html = /<\/body>/i.test(body.html) ? body.html.replace(/<\/body>/i, (close) => footer.html + close) : `${body.html}${footer.html}`;
  return { text, html };
}
