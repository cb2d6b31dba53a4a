import { describe, expect, it } from 'vitest';
import { parseInboundMail, type InboundMail } from './inbound-mail.js';
import { EXCHANGE_DSN, GMAIL_REPLY, POSTFIX_DSN } from './mail-fixtures.test-data.js';
import { normaliseMessageId, parseHeaderBlock, parseMessageIdList } from './mail-headers.js';

async function parsed(source: string | Buffer): Promise<InboundMail> {
  const result = await parseInboundMail(source);
  if (!result.ok) throw new Error(`expected a message, got ${result.reason}: ${result.detail}`);
  return result.mail;
}

describe('parseInboundMail', () => {
  it('normalises a Gmail reply: ids, folded References, addresses, tracked headers', async () => {
    const mail = await parsed(GMAIL_REPLY);
    expect(mail.messageId).toBe('<CAF+reply-1@mail.gmail.com>');
    expect(mail.inReplyTo).toBe('<out-1@ourco.example>');
    expect(mail.references).toEqual(['<out-0@ourco.example>', '<out-1@ourco.example>']);
    expect(mail.from).toEqual({ address: 'bob@prospect.example', name: 'Bob Martin' });
    expect(mail.to).toEqual([{ address: 'alice@ourco.example', name: 'Alice (Our Co)' }]);
    expect(mail.cc.map((entry) => entry.address)).toEqual(['carol@prospect.example', 'alice@ourco.example']);
    expect(mail.subject).toBe('Re: Quick question');
    expect(mail.date?.toISOString()).toBe('2025-01-14T10:20:00.000Z');
    expect(mail.text).toContain('Tuesday works.');
    expect(mail.html).toContain('<div>Hi Alice,</div>');
    expect(mail.headers).toEqual({
      'return-path': '<bob@prospect.example>',
      'delivered-to': 'alice@ourco.example',
      'x-mailer': 'Gmail',
      'content-type': 'multipart/alternative; boundary="b1"',
    });
    expect(mail.isDsn).toBe(false);
    expect(mail.deliveryReport).toBeNull();
    expect(mail.rawSize).toBe(Buffer.byteLength(GMAIL_REPLY));
    expect(mail.dedupeKey).toBe(mail.messageId);
  });

  it('gives References as a list when the message has a single one (mailparser gives a string)', async () => {
    const mail = await parsed(GMAIL_REPLY.replace('References: <out-0@ourco.example>\r\n <out-1@ourco.example>', 'References: <out-1@ourco.example>'));
    expect(mail.references).toEqual(['<out-1@ourco.example>']);
  });

  it('keeps a DSN’s delivery-status and returned headers out of the text', async () => {
    const mail = await parsed(POSTFIX_DSN);
    expect(mail.isDsn).toBe(true);
    expect(mail.headers['return-path']).toBe('<>');
    expect(mail.headers['auto-submitted']).toBe('auto-replied');
    expect(mail.text).toContain('could not');
    expect(mail.text).not.toContain('Final-Recipient');
    expect(mail.deliveryReport?.deliveryStatus).toContain('Final-Recipient: rfc822; bob@prospect.example');
    expect(mail.deliveryReport?.returnedHeaders).toContain('Message-ID: <out-1@ourco.example>');
  });

  it('takes the head of a returned message/rfc822 (Exchange) and keeps empty header values', async () => {
    const mail = await parsed(EXCHANGE_DSN);
    expect(mail.isDsn).toBe(true);
    expect(mail.deliveryReport?.returnedHeaders).toContain('Message-ID: <out-2@ourco.example>');
    expect(mail.deliveryReport?.returnedHeaders).not.toContain('Hi Carol');
    expect(mail.headers['x-ms-exchange-message-is-ndr']).toBe('');
  });

  it('leaves the date null when the Date header is unreadable, instead of mailparser’s "now"', async () => {
    const mail = await parsed(GMAIL_REPLY.replace('Date: Tue, 14 Jan 2025 11:20:00 +0100', 'Date: sometime last week'));
    expect(mail.date).toBeNull();
  });

  it('reads an HTML-only message as text, and strips NUL bytes Postgres would refuse', async () => {
    const source = [
      'From: dana@prospect.example',
      'To: alice@ourco.example',
      'Subject: Re: hello\u0000',
      'Message-ID: <html-only@prospect.example>',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Sounds good&nbsp;&amp; see you <b>Tuesday</b></p><blockquote>Our pitch</blockquote>',
    ].join('\r\n');
    const mail = await parsed(source);
    expect(mail.subject).toBe('Re: hello');
    expect(mail.text).toMatch(/^Sounds good\s& see you Tuesday/);
    expect(mail.html).toContain('<b>Tuesday</b>');
  });

  it('dedupes a message without Message-ID on a hash of its source', async () => {
    const source = GMAIL_REPLY.replace('Message-ID: <CAF+reply-1@mail.gmail.com>\r\n', '');
    const [first, second, other] = await Promise.all([parsed(source), parsed(Buffer.from(source)), parsed(`${source}x`)]);
    expect(first.messageId).toBeNull();
    expect(first.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.dedupeKey).toBe(first.dedupeKey);
    expect(other.dedupeKey).not.toBe(first.dedupeKey);
  });

  it('refuses empty, oversized and header-less input with a reason, without throwing', async () => {
    await expect(parseInboundMail('')).resolves.toMatchObject({ ok: false, reason: 'empty' });
    await expect(parseInboundMail('  \r\n ')).resolves.toMatchObject({ ok: false, reason: 'empty' });
    await expect(parseInboundMail(GMAIL_REPLY, { maxBytes: 100 })).resolves.toMatchObject({ ok: false, reason: 'too_large' });
    await expect(parseInboundMail('garbage\u0000\u00ff with no headers at all')).resolves.toMatchObject({ ok: false, reason: 'not_a_message' });
  });

  it('survives malformed MIME: a missing closing boundary and a broken part still give the text', async () => {
    const source = [
      'From: frank@prospect.example',
      'To: alice@ourco.example',
      'Subject: Re: broken',
      'Message-ID: <broken@prospect.example>',
      'Content-Type: multipart/mixed; boundary="never-closed"',
      '',
      '--never-closed',
      'Content-Type: text/plain',
      'Content-Transfer-Encoding: base64',
      '',
      'SW50ZXJlc3RlZCwgbGV0J3MgdGFsaw==',
      '--never-closed',
      'Content-Type: application/octet-stream',
      'Content-Transfer-Encoding: base64',
      '',
      '!!!not base64!!!',
    ].join('\r\n');
    const mail = await parsed(source);
    expect(mail.text).toContain("Interested, let's talk");
    expect(mail.isDsn).toBe(false);
  });
});

describe('message-id and header helpers', () => {
  it('canonicalises Message-IDs and refuses what is not one', () => {
    expect(normaliseMessageId(' <a@b> ')).toBe('<a@b>');
    expect(normaliseMessageId('a@b')).toBe('<a@b>');
    expect(normaliseMessageId('(comment) <a@b> trailing')).toBe('<a@b>');
    expect(normaliseMessageId('no-at-sign')).toBeNull();
    expect(normaliseMessageId('two words@b')).toBeNull();
    expect(normaliseMessageId(`<${'x'.repeat(1000)}@b>`)).toBeNull();
  });

  it('reads References from a string or a list, deduplicated, capped at the newest 100', () => {
    expect(parseMessageIdList('<a@x> <b@x>\r\n <a@x>')).toEqual(['<a@x>', '<b@x>']);
    expect(parseMessageIdList(['<a@x>', 'b@x'])).toEqual(['<a@x>', '<b@x>']);
    const long = Array.from({ length: 150 }, (_, index) => `<m${index}@x>`).join(' ');
    const ids = parseMessageIdList(long);
    expect(ids).toHaveLength(100);
    expect(ids.at(-1)).toBe('<m149@x>');
  });

  it('unfolds a header block and stops at the blank line', () => {
    const block = parseHeaderBlock('Subject: a\r\n b\r\nX-Two: 1\r\nx-two: 2\r\n\r\nBody: no');
    expect(block.get('subject')).toEqual(['a b']);
    expect(block.get('x-two')).toEqual(['1', '2']);
    expect(block.has('body')).toBe(false);
  });
});
