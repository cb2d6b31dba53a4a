import { describe, expect, it } from 'vitest';
import { autoReplyHeaderSignals, detectAutoReply, type AutoReplyInput } from './auto-reply.js';
import { parseInboundMail } from './inbound-mail.js';
import { GMAIL_REPLY, OUTLOOK_OOO_FR } from './mail-fixtures.test-data.js';

const now = new Date('2025-12-22T15:00:00Z');
const message = (input: Partial<AutoReplyInput>): AutoReplyInput => ({
  headers: {},
  subject: 'Re: Quick question',
  text: 'Sounds good.',
  date: new Date('2025-12-22T09:00:00Z'),
  ...input,
});

describe('autoReplyHeaderSignals (RFC 3834 and common extensions)', () => {
  it('counts Auto-Submitted unless it says "no"', () => {
    expect(autoReplyHeaderSignals({ 'auto-submitted': 'auto-replied' })).toEqual(['header:auto-submitted']);
    expect(autoReplyHeaderSignals({ 'auto-submitted': 'auto-generated; owner-email="x@y"' })).toEqual(['header:auto-submitted']);
    expect(autoReplyHeaderSignals({ 'auto-submitted': 'No' })).toEqual([]);
  });

  it('counts X-Autoreply, X-Autorespond, Precedence bulk/list/junk/auto_reply, X-Auto-Response-Suppress, an empty Return-Path', () => {
    expect(autoReplyHeaderSignals({ 'x-autoreply': 'yes' })).toEqual(['header:x-autoreply']);
    expect(autoReplyHeaderSignals({ 'x-autoreply': 'no' })).toEqual([]);
    expect(autoReplyHeaderSignals({ 'x-autorespond': 'Out of office' })).toEqual(['header:x-autorespond']);
    for (const precedence of ['bulk', 'list', 'junk', 'auto_reply', ' Bulk ']) expect(autoReplyHeaderSignals({ precedence })).toEqual(['header:precedence']);
    expect(autoReplyHeaderSignals({ precedence: 'first-class' })).toEqual([]);
    expect(autoReplyHeaderSignals({ 'x-auto-response-suppress': 'All' })).toEqual(['header:x-auto-response-suppress']);
    expect(autoReplyHeaderSignals({ 'return-path': '<>' })).toEqual(['header:return-path-null']);
    expect(autoReplyHeaderSignals({ 'return-path': '<bob@prospect.example>' })).toEqual([]);
  });
});

describe('detectAutoReply', () => {
  it('reads a French Outlook out-of-office with its return date', async () => {
    const parsed = await parseInboundMail(OUTLOOK_OOO_FR);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.mail.subject).toBe('Réponse automatique\u00a0: Petite question');
    expect(detectAutoReply(parsed.mail, { now })).toEqual({
      kind: 'out_of_office',
      certainty: 'high',
      returnDate: { mentioned: '2026-01-02', relation: 'away_until', resumeOn: '2026-01-03' },
      signals: ['header:auto-submitted', 'header:x-auto-response-suppress', 'subject:auto-reply', 'body:out-of-office'],
    });
  });

  it('reads an English Outlook "Automatic reply" with "back on"', () => {
    const verdict = detectAutoReply(
      message({
        headers: { 'auto-submitted': 'auto-generated' },
        subject: 'Automatic reply: Quick question',
        text: 'Thank you for your email. I am currently out of the office and back on 12 January. For urgent matters contact sales@prospect.example.',
      }),
      { now },
    );
    expect(verdict).toMatchObject({ kind: 'out_of_office', certainty: 'high', returnDate: { resumeOn: '2026-01-12' } });
  });

  it('recognises out-of-office subjects alone, EN and FR, with no return date when none is given', () => {
    for (const subject of ['Out of Office: Quick question', 'Absence du bureau', 'Absent du bureau : Petite question', 'OOO until further notice']) {
      expect(detectAutoReply(message({ subject, text: 'Limited availability.' }), { now })).toMatchObject({ kind: 'out_of_office', certainty: 'high', returnDate: null });
    }
  });

  it('gives low certainty when only the body says so (a person may type it)', () => {
    const verdict = detectAutoReply(message({ text: "Je suis absent jusqu'au 12/01, mais oui ça m'intéresse." }), { now });
    expect(verdict).toMatchObject({ kind: 'out_of_office', certainty: 'low', signals: ['body:out-of-office'], returnDate: { resumeOn: '2026-01-13' } });
  });

  it('calls other machine mail "automatic": ticket acknowledgements, list mail', () => {
    expect(detectAutoReply(message({ subject: 'Accusé de réception', text: 'Nous avons bien reçu votre message.' }), { now })).toEqual({ kind: 'automatic', signals: ['subject:auto-reply'] });
    expect(detectAutoReply(message({ headers: { precedence: 'bulk' }, subject: 'Newsletter', text: 'News.' }), { now })).toEqual({ kind: 'automatic', signals: ['header:precedence'] });
  });

  it('leaves a person’s reply alone, even when it says "out"', async () => {
    const parsed = await parseInboundMail(GMAIL_REPLY);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(detectAutoReply(parsed.mail, { now })).toEqual({ kind: 'none' });
    expect(detectAutoReply(message({ text: "We're out of budget this quarter, sorry." }), { now })).toEqual({ kind: 'none' });
    expect(detectAutoReply(message({ headers: { 'auto-submitted': 'no' }, text: 'Leave me a voicemail.' }), { now })).toEqual({ kind: 'none' });
  });

  it('takes no wording or date from our own pitch quoted below the auto-reply', () => {
    const verdict = detectAutoReply(
      message({
        headers: { 'auto-submitted': 'auto-replied' },
        subject: 'Auto: Quick question',
        text: 'I am on leave.\n\nOn Mon, Alice <alice@ourco.example> wrote:\n> I am out of the office until 5 January, can we talk when I am back on 6 January?',
      }),
      { now },
    );
    expect(verdict).toMatchObject({ kind: 'out_of_office', returnDate: null });
  });
});
