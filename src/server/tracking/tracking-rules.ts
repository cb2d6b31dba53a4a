/**
 * Open and click tracking at compose time (pure). Off unless the campaign turns it on: a pixel and
 * rewritten links on APP_URL make cold mail look like bulk mail to filters. Only the HTML part is
 * tracked — the text part keeps the real URLs, so a plain-text reader sees where a link goes — and
 * the footer (unsubscribe link, postal address) is added after, so `/u/TOKEN` is never rewritten.
 */

export type TrackingOptions = {
  opens: boolean;
  clicks: boolean;
  appUrl: string;
  /** The message's pixel token (`/t/o/TOKEN.gif`). */
  token: string;
  /** A fresh random token for each link (`/t/c/TOKEN`). */
  newLinkToken: () => string;
};

export type TrackedLink = { token: string; url: string };

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi;

/** A plain-text body as simple HTML: escaped, links as anchors showing their real address, lines kept. */
export function textToHtml(text: string): string {
  const linked = escapeHtml(text).replace(/\bhttps?:\/\/[^\s<>"'()]+[^\s<>"'().,;:!?]/gi, (url) => `<a href="${url}">${url}</a>`);
  return `<div>${linked.replace(/\r?\n/g, '<br>')}</div>`;
}

const decodeAttribute = (value: string) => value.replace(/&amp;/g, '&').replace(/&#38;/g, '&');

/** The HTML with each http(s) link pointed at its redirect, and the pixel appended; plus the links to store. */
export function applyTracking(html: string, options: TrackingOptions): { html: string; links: TrackedLink[] } {
  const base = options.appUrl.replace(/\/+$/, '');
  const links: TrackedLink[] = [];
  let out = html;
  if (options.clicks) {
    out = out.replace(HREF, (_match, start: string, quote: string, href: string) => {
      const url = decodeAttribute(href);
      const token = options.newLinkToken();
      links.push({ token, url });
      return `${start}${quote}${base}/t/c/${token}${quote}`;
    });
  }
  if (options.opens) out = `${out}<img src="${base}/t/o/${options.token}.gif" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  return { html: out, links };
}

/** A mail scanner, link checker or prefetcher rather than a person (kept, not counted). */
export function isLikelyBot(userAgent: string | undefined, method: string): boolean {
  if (method === 'HEAD') return true;
  if (!userAgent) return true;
  return /bot\b|crawler|spider|slurp|preview|prefetch|scanner|barracuda|proofpoint|mimecast|symantec|forcepoint|python-requests|curl\/|wget|go-http-client|headlesschrome|axios|node-fetch|undici/i.test(userAgent);
}
