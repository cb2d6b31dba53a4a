import { describe, expect, it } from 'vitest';
import { detectBounce, parseDeliveryStatusFields, recipientOutcome } from './delivery-status.js';
import { parseInboundMail, type InboundMail } from './inbound-mail.js';
import { parseInboundWebhookBody } from './inbound-webhook-body.js';
import { DELIVERY_TALK, EXCHANGE_DSN, GMAIL_PLAIN_BOUNCE, GMAIL_REPLY, OUTLOOK_OOO_FR, POSTFIX_DELAY_DSN, POSTFIX_DSN, SUCCESS_DSN } from './mail-fixtures.test-data.js';

async function mail(source: string): Promise<InboundMail> {
  const result = await parseInboundMail(source);
  if (!result.ok) throw new Error(result.detail);
  return result.mail;
}

describe('detectBounce: RFC 3464 reports', () => {
  it('reads a Postfix hard bounce and points at our outbound message', async () => {
    const verdict = detectBounce(await mail(POSTFIX_DSN));
    expect(verdict).toEqual({
      kind: 'bounce',
      certainty: 'rfc3464',
      severity: 'hard',
      originalMessageId: '<out-1@ourco.example>',
      signals: ['rfc3464'],
      recipients: [
        {
          recipient: 'bob@prospect.example',
          originalRecipient: 'bob@prospect.example',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: '550 5.1.1 <bob@prospect.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
          remoteMta: 'mx.prospect.example',
          outcome: 'hard',
        },
      ],
    });
  });

  it('reads an Exchange Online NDR, the original id coming from the returned message/rfc822', async () => {
    const verdict = detectBounce(await mail(EXCHANGE_DSN));
    expect(verdict).toMatchObject({ kind: 'bounce', certainty: 'rfc3464', severity: 'hard', originalMessageId: '<out-2@ourco.example>' });
    if (verdict.kind !== 'bounce') return;
    expect(verdict.recipients.map((entry) => [entry.recipient, entry.status])).toEqual([['carol@contoso.example', '5.1.10']]);
  });

  it('calls a delayed report transient, and a success report no bounce at all', async () => {
    const delayed = detectBounce(await mail(POSTFIX_DELAY_DSN));
    expect(delayed).toMatchObject({ kind: 'bounce', certainty: 'rfc3464', severity: 'transient' });
    const delivered = detectBounce(await mail(SUCCESS_DSN));
    expect(delivered).toMatchObject({ kind: 'delivery_report', originalMessageId: '<out-1@ourco.example>' });
  });

  it('judges each recipient: failed+5.x.x hard, 4.x.x or delayed transient, no code unknown', () => {
    expect(recipientOutcome('failed', '5.2.2', null)).toBe('hard');
    expect(recipientOutcome('failed', '4.2.2', null)).toBe('transient');
    expect(recipientOutcome('delayed', null, null)).toBe('transient');
    expect(recipientOutcome('failed', null, 'smtp; 554 rejected')).toBe('hard');
    expect(recipientOutcome('failed', null, 'connection lost')).toBe('unknown');
    expect(recipientOutcome('relayed', null, null)).toBe('delivered');
  });

  it('reads several recipients with mixed outcomes; the worst one sets the severity', () => {
    const fields = parseDeliveryStatusFields(
      [
        'Reporting-MTA: dns; mx.example',
        '',
        'Final-Recipient: rfc822; <a@x.example>',
        'Action: delivered',
        'Status: 2.0.0',
        '',
        'Final-Recipient: rfc822; b@x.example',
        'Action: delayed',
        'Status: 4.4.7',
        '',
        'Final-Recipient: RFC822; C@X.example',
        'Action: failed',
        'Status: 5.7.1 (delivery not authorized)',
      ].join('\r\n'),
    );
    expect(fields.reportingMta).toBe('mx.example');
    expect(fields.recipients.map((entry) => [entry.recipient, entry.outcome])).toEqual([
      ['a@x.example', 'delivered'],
      ['b@x.example', 'transient'],
      ['c@x.example', 'hard'],
    ]);
  });
});

describe('detectBounce: non-standard bounces, with lower certainty', () => {
  it('recognises Gmail’s plain "Delivery Status Notification (Failure)"', async () => {
    const verdict = detectBounce(await mail(GMAIL_PLAIN_BOUNCE));
    expect(verdict).toMatchObject({ kind: 'bounce', certainty: 'heuristic', severity: 'hard', originalMessageId: '<out-3@ourco.example>' });
    if (verdict.kind !== 'bounce') return;
    expect(verdict.recipients.map((entry) => entry.recipient)).toEqual(['dave@gone.example']);
    expect(verdict.signals).toEqual(expect.arrayContaining(['from:mailer-daemon', 'return-path:null', 'subject', 'body']));
  });

  it('takes the failed addresses from Exim’s X-Failed-Recipients', async () => {
    const source = [
      'From: Mail Delivery System <Mailer-Daemon@mx.host.example>',
      'To: alice@ourco.example',
      'Subject: Mail delivery failed: returning message to sender',
      'X-Failed-Recipients: gone@prospect.example',
      'Message-ID: <exim-1@mx.host.example>',
      'Content-Type: text/plain',
      '',
      'This message was created automatically by mail delivery software.',
      'A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.',
      '  gone@prospect.example',
      '    host mx.prospect.example: 550 No such user here',
    ].join('\r\n');
    const verdict = detectBounce(await mail(source));
    expect(verdict).toMatchObject({ kind: 'bounce', certainty: 'heuristic', severity: 'hard' });
    if (verdict.kind === 'bounce') expect(verdict.recipients.map((entry) => entry.recipient)).toEqual(['gone@prospect.example']);
  });

  it('recognises a bounce relayed through the JSON webhook (no MIME parts)', () => {
    const result = parseInboundWebhookBody(
      {
        from: 'MAILER-DAEMON@mx.host.example',
        to: 'alice@ourco.example',
        subject: 'Undeliverable: Quick question',
        text: 'Delivery has failed to these recipients: zoe@prospect.example\nRemote server returned 550 5.1.1',
        messageId: '<relay-1@mx.host.example>',
      },
      10,
    );
    if (!result.ok) throw new Error('expected a message');
    expect(detectBounce(result.mail)).toMatchObject({ kind: 'bounce', certainty: 'heuristic', severity: 'hard', recipients: [{ recipient: 'zoe@prospect.example' }] });
  });

  it('does not take a prospect’s message about deliveries for a bounce', async () => {
    expect(detectBounce(await mail(DELIVERY_TALK))).toEqual({ kind: 'not_bounce' });
    expect(detectBounce(await mail(GMAIL_REPLY))).toEqual({ kind: 'not_bounce' });
  });

  it('does not take an out-of-office (auto headers, no failure wording) for a bounce', async () => {
    expect(detectBounce(await mail(OUTLOOK_OOO_FR))).toEqual({ kind: 'not_bounce' });
  });

  it('calls a plain "will retry" warning transient', async () => {
    const source = [
      'Return-Path: <>',
      'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      'To: alice@ourco.example',
      'Subject: Delivery Status Notification (Delay)',
      'Message-ID: <delay-1@mx.google.com>',
      '',
      'Delivery incomplete: there was a temporary problem delivering your message to slow@prospect.example.',
      'Gmail will retry for 46 more hours. The response was: 451 4.3.0 Mail server temporarily rejected message.',
    ].join('\r\n');
    expect(detectBounce(await mail(source))).toMatchObject({ kind: 'bounce', certainty: 'heuristic', severity: 'transient' });
  });
});
