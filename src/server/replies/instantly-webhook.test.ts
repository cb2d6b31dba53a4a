import { describe, expect, it } from 'vitest';
import { detectAutoReply } from './auto-reply.js';
import { parseInstantlyWebhook } from './instantly-webhook.js';
import { replyTextForClassification } from './reply-text.js';

/** A reply_received delivery with the fields of developer.instantly.ai's webhook events guide. */
function event(eventType: string, overrides: Record<string, unknown> = {}) {
  return {
    timestamp: '2025-01-14T10:00:00.000Z',
    event_type: eventType,
    workspace: 'ws_01',
    campaign_id: '0193f1d2-aaaa-4bbb-8ccc-0123456789ab',
    campaign_name: 'Q1 outbound',
    lead_email: 'Bob@Prospect.example',
    email_account: 'alice@instantly-sender.example',
    step: 2,
    variant: 1,
    email_id: 'em_01JH7Z',
    email_subject: 'Quick question',
    email_text: 'Hi Bob, would you have 15 minutes?',
    email_html: '<p>Hi Bob, would you have 15 minutes?</p>',
    reply_subject: 'Re: Quick question',
    reply_text: 'Yes, Tuesday works.\n\nOn Mon, Alice wrote:\n> Hi Bob, would you have 15 minutes?',
    reply_text_snippet: 'Yes, Tuesday works.',
    ...overrides,
  };
}

describe('parseInstantlyWebhook', () => {
  it('turns reply_received into an InboundMail for the same pipeline, with a stable Message-ID', () => {
    const result = parseInstantlyWebhook(event('reply_received'), 900);
    expect(result).toMatchObject({
      kind: 'reply',
      leadEmail: 'bob@prospect.example',
      context: { campaignId: '0193f1d2-aaaa-4bbb-8ccc-0123456789ab', emailAccount: 'alice@instantly-sender.example', step: 2, variant: '1', emailId: 'em_01JH7Z' },
      mail: {
        messageId: '<instantly.id.em_01JH7Z@instantly.invalid>',
        from: { address: 'bob@prospect.example', name: '' },
        to: [{ address: 'alice@instantly-sender.example', name: '' }],
        subject: 'Re: Quick question',
        date: new Date('2025-01-14T10:00:00.000Z'),
        rawSize: 900,
        isDsn: false,
      },
    });
    if (result.kind !== 'reply') return;
    expect(replyTextForClassification(result.mail)).toBe('Yes, Tuesday works.');
    expect(detectAutoReply(result.mail, { now: new Date('2025-01-14T11:00:00Z') })).toEqual({ kind: 'none' });
    // Redelivered: the same id, so the dedupe stores it once.
    const again = parseInstantlyWebhook(event('reply_received'), 900);
    expect(again.kind === 'reply' && again.mail.messageId).toBe(result.mail.messageId);
  });

  it('derives the Message-ID from the content when Instantly gives no email_id; falls back to the snippet or HTML', () => {
    const a = parseInstantlyWebhook(event('reply_received', { email_id: null }), 1);
    const b = parseInstantlyWebhook(event('reply_received', { email_id: null, reply_text: 'Another answer' }), 1);
    expect(a.kind === 'reply' && a.mail.messageId).toMatch(/^<instantly\.h\.[0-9a-f]{40}@instantly\.invalid>$/);
    expect(a.kind === 'reply' && b.kind === 'reply' && a.mail.messageId !== b.mail.messageId).toBe(true);
    const snippet = parseInstantlyWebhook(event('reply_received', { reply_text: null }), 1);
    expect(snippet.kind === 'reply' && snippet.mail.text).toBe('Yes, Tuesday works.');
    const html = parseInstantlyWebhook(event('reply_received', { reply_text: '', reply_html: '<p>Call me</p>' }), 1);
    expect(html.kind === 'reply' && html.mail.text).toBe('Call me');
  });

  it('passes bounces, unsubscribes and Instantly’s lead labels on as their own kinds', () => {
    expect(parseInstantlyWebhook(event('email_bounced'), 1)).toMatchObject({ kind: 'bounce', leadEmail: 'bob@prospect.example' });
    expect(parseInstantlyWebhook(event('lead_unsubscribed'), 1)).toMatchObject({ kind: 'unsubscribe', leadEmail: 'bob@prospect.example' });
    expect(parseInstantlyWebhook(event('lead_interested'), 1)).toMatchObject({ kind: 'lead_status', status: 'interested' });
    expect(parseInstantlyWebhook(event('lead_meeting_booked'), 1)).toMatchObject({ kind: 'lead_status', status: 'meeting_booked' });
    expect(parseInstantlyWebhook(event('lead_out_of_office'), 1)).toMatchObject({ kind: 'lead_status', status: 'out_of_office' });
  });

  it('ignores event types it does not use, including prototype names', () => {
    for (const eventType of ['email_sent', 'email_opened', 'link_clicked', 'campaign_completed', 'constructor', 'toString']) {
      expect(parseInstantlyWebhook(event(eventType), 1)).toEqual({ kind: 'ignored', eventType, reason: 'unsupported_event' });
    }
  });

  it('refuses a missing or bad lead email, oversized text and NUL characters', () => {
    expect(parseInstantlyWebhook(event('reply_received', { lead_email: 'nope' }), 1)).toEqual({ kind: 'invalid', issues: [{ path: 'lead_email', message: 'must be an email address' }] });
    expect(parseInstantlyWebhook(event('email_bounced', { lead_email: undefined }), 1)).toMatchObject({ kind: 'invalid' });
    expect(parseInstantlyWebhook(event('reply_received', { reply_text: 'x'.repeat(1_000_001) }), 1)).toMatchObject({ kind: 'invalid', issues: [{ path: 'reply_text' }] });
    expect(parseInstantlyWebhook(event('reply_received', { reply_subject: 'Re:\u0000' }), 1)).toMatchObject({ kind: 'invalid', issues: [{ path: 'reply_subject' }] });
    expect(parseInstantlyWebhook({ lead_email: 'a@b.example' }, 1)).toMatchObject({ kind: 'invalid', issues: [{ path: 'event_type' }] });
  });
});
