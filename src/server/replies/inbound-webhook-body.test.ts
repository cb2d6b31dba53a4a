import { describe, expect, it } from 'vitest';
import { INBOUND_WEBHOOK_LIMITS, parseInboundWebhookBody } from './inbound-webhook-body.js';

const body = {
  from: 'Bob Martin <Bob@Prospect.example>',
  to: 'alice@ourco.example',
  subject: 'Re: Quick question',
  text: 'Yes, let us talk.\n\nOn Mon, Alice wrote:\n> pitch',
  messageId: '<reply-1@prospect.example>',
  inReplyTo: '<out-1@ourco.example>',
  references: '<out-0@ourco.example> <out-1@ourco.example>',
  headers: { 'Auto-Submitted': 'no', 'X-Custom': 'dropped', Precedence: ['bulk', 'list'] },
};

function issuesOf(json: unknown) {
  const result = parseInboundWebhookBody(json, 100);
  if (result.ok) throw new Error('expected the body to be refused');
  return result.issues;
}

describe('parseInboundWebhookBody', () => {
  it('normalises the generic JSON shape into the same InboundMail as IMAP', () => {
    const result = parseInboundWebhookBody(body, 321);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mail).toMatchObject({
      messageId: '<reply-1@prospect.example>',
      inReplyTo: '<out-1@ourco.example>',
      references: ['<out-0@ourco.example>', '<out-1@ourco.example>'],
      from: { address: 'bob@prospect.example', name: 'Bob Martin' },
      to: [{ address: 'alice@ourco.example', name: '' }],
      cc: [],
      subject: 'Re: Quick question',
      date: null,
      html: null,
      isDsn: false,
      deliveryReport: null,
      rawSize: 321,
      dedupeKey: '<reply-1@prospect.example>',
    });
    // Header names lowercased; only the tracked ones kept; the first of a repeated one.
    expect(result.mail.headers).toEqual({ 'auto-submitted': 'no', precedence: 'bulk' });
  });

  it('accepts address objects, recipient lists, a bare Message-ID, a date, and HTML only', () => {
    const result = parseInboundWebhookBody(
      {
        from: { address: 'dana@prospect.example', name: 'Dana' },
        to: ['alice@ourco.example', { address: 'sales@ourco.example' }],
        cc: 'Eve <eve@prospect.example>',
        subject: 'Re: hi',
        text: '',
        html: '<p>Interested&nbsp;!</p><blockquote><p>Our pitch</p></blockquote>',
        messageId: 'no-brackets@prospect.example',
        references: ['<a@x>', '<b@x>'],
        date: '2025-01-14T10:00:00Z',
      },
      10,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mail.from).toEqual({ address: 'dana@prospect.example', name: 'Dana' });
    expect(result.mail.to.map((entry) => entry.address)).toEqual(['alice@ourco.example', 'sales@ourco.example']);
    expect(result.mail.cc).toEqual([{ address: 'eve@prospect.example', name: 'Eve' }]);
    expect(result.mail.messageId).toBe('<no-brackets@prospect.example>');
    expect(result.mail.date?.toISOString()).toBe('2025-01-14T10:00:00.000Z');
    expect(result.mail.text).toBe('Interested !\n\n> Our pitch');
  });

  it('refuses a body without a sender address, recipients or a usable Message-ID, naming the field', () => {
    expect(issuesOf({ ...body, from: 'not an address' })).toEqual([{ path: 'from', message: 'must be an email address' }]);
    expect(issuesOf({ ...body, to: [] })).toEqual([{ path: 'to', message: 'must hold at least one email address' }]);
    expect(issuesOf({ ...body, messageId: 'nope' })).toEqual([{ path: 'messageId', message: 'must be a Message-ID such as <id@domain>' }]);
    expect(issuesOf({ ...body, inReplyTo: 'nope' }).map((issue) => issue.path)).toEqual(['inReplyTo']);
    expect(issuesOf({ to: 'a@b.example' }).map((issue) => issue.path)).toEqual(['from', 'messageId']);
    expect(issuesOf('a string').map((issue) => issue.path)).toEqual(['']);
  });

  it('refuses NUL characters and lone surrogates anywhere, which Postgres cannot store', () => {
    expect(issuesOf({ ...body, text: 'hello\u0000' })).toEqual([{ path: 'text', message: 'must not contain a NUL character' }]);
    const loneSurrogate = JSON.parse('{"subject": "Re: \\ud800 hi"}') as { subject: string };
    expect(issuesOf({ ...body, ...loneSurrogate })).toEqual([{ path: 'subject', message: 'must not contain a lone UTF-16 surrogate' }]);
    expect(issuesOf({ ...body, headers: { 'x-autoreply': 'yes\uDC00' } }).map((issue) => issue.path)).toEqual(['headers.x-autoreply']);
    // A well-formed pair (an emoji) is fine.
    expect(parseInboundWebhookBody({ ...body, text: 'ok 👍' }, 1).ok).toBe(true);
  });

  it('refuses oversized fields and too many headers or recipients', () => {
    expect(issuesOf({ ...body, subject: 'x'.repeat(INBOUND_WEBHOOK_LIMITS.subject + 1) }).map((issue) => issue.path)).toEqual(['subject']);
    expect(issuesOf({ ...body, text: 'x'.repeat(INBOUND_WEBHOOK_LIMITS.text + 1) }).map((issue) => issue.path)).toEqual(['text']);
    const headers = Object.fromEntries(Array.from({ length: INBOUND_WEBHOOK_LIMITS.headers + 1 }, (_, index) => [`x-h${index}`, 'v']));
    expect(issuesOf({ ...body, headers }).map((issue) => issue.path)).toEqual(['headers']);
    const to = Array.from({ length: INBOUND_WEBHOOK_LIMITS.recipients + 1 }, (_, index) => `r${index}@ourco.example`);
    expect(issuesOf({ ...body, to }).map((issue) => issue.path)).toEqual(['to']);
  });
});
