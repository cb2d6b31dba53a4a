import { describe, expect, it } from 'vitest';
import { evaluateReplyOffline, guardAutomaticReply, type EvaluateReplyInput, type EvaluationAgent } from './evaluate-reply.js';

const agent: EvaluationAgent = {
  confidenceThreshold: 0.8,
  autoSend: true,
  bookingUrl: 'https://calendly.com/eve-martin/30min',
  escalationWords: [],
  forbiddenTopics: [],
  language: 'auto',
  templates: [],
};
const input = (text: string, overrides: Partial<EvaluateReplyInput> = {}): EvaluateReplyInput => ({
  message: { text, subject: 'Quick question about outbound at Acme' },
  agent,
  prospect: { id: 'p-1', firstName: 'Dan', lastName: 'Holt', email: 'dan@acme.example' },
  sender: { name: 'Eve Martin', company: 'Sales Machine', email: 'eve@salesmachine.example' },
  ownAddresses: ['eve@salesmachine.example'],
  now: new Date('2025-03-12T10:00:00Z'),
  ...overrides,
});

describe('evaluateReplyOffline (the one path for previews, playground and pipeline)', () => {
  it('suppresses "Not interested, please remove me from your list" and writes no answer', () => {
    const result = evaluateReplyOffline(input('Not interested, please remove me from your list'));
    expect(result.classification).toMatchObject({ intent: 'unsubscribe', certain: true });
    expect(result.decision.action).toBe('suppress');
    expect(result.draft).toBeNull();
    expect(result.draftCheck).toBeNull();
  });

  it('answers a confident positive with the Calendly link prefilled, the draft having passed the guard', () => {
    const result = evaluateReplyOffline(input('Sounds good, happy to chat. Thursday at 11am works for me.'));
    expect(result.decision.action).toBe('auto_reply');
    expect(result.draftCheck).toEqual({ ok: true, violations: [] });
    expect(result.draft?.body).toContain('https://calendly.com/eve-martin/30min?name=Dan+Holt&email=dan%40acme.example');
    expect(result.draft?.subject).toBe('Re: Quick question about outbound at Acme');
  });

  it('lets a template repeat its own price, and sends a template with a foreign link to review', () => {
    // The template itself names the price, so it is allowed; the guard then reads it from the templates.
    const allowed = evaluateReplyOffline(
      input('Sounds interesting, please tell me more about it', {
        agent: { ...agent, templates: [{ name: 'Interested', body: 'Hi {{firstName}}, plans start at €49 per month: {{bookingUrl}}' }] },
      }),
    );
    expect(allowed.decision.action).toBe('auto_reply');
    const linkToElsewhere = evaluateReplyOffline(
      input('Sounds interesting, please tell me more about it', {
        agent: { ...agent, templates: [{ name: 'Interested', body: 'Hi {{firstName}}, see www.partner-offer.example then {{bookingUrl}}' }] },
      }),
    );
    expect(linkToElsewhere.decision.action).toBe('review');
    expect(linkToElsewhere.decision.reasons.map((reason) => reason.code)).toContain('draft_rejected');
    expect(linkToElsewhere.draftCheck?.violations).toEqual([{ code: 'link_not_allowed', detail: 'www.partner-offer.example' }]);
  });

  it('does not take the prospect’s own address in a signature for a referral', () => {
    const result = evaluateReplyOffline(input('I am not the right person, ask my colleague.\nDan Holt\ndan@acme.example'));
    expect(result.decision).toMatchObject({ action: 'review', reasons: [{ code: 'referral_without_address' }] });
  });

  it('reschedules a French "not now" with its date and drafts nothing automatic', () => {
    const result = evaluateReplyOffline(input('Pas maintenant, on en reparle en janvier.'));
    expect(result.decision).toMatchObject({ action: 'reschedule', schedule: { kind: 'remind', date: '2026-01-01' } });
    expect(result.draft?.language).toBe('fr');
  });

  it('turns an automatic answer without a passing draft into a review', () => {
    const autoReply = { action: 'auto_reply' as const, reasons: [], escalate: false };
    expect(guardAutomaticReply(autoReply, null)).toMatchObject({ action: 'review', reasons: [{ code: 'draft_rejected', params: { violations: 'no draft' } }] });
    expect(guardAutomaticReply(autoReply, { ok: false, violations: [{ code: 'secret', detail: 'x' }] }).action).toBe('review');
    expect(guardAutomaticReply(autoReply, { ok: true, violations: [] }).action).toBe('auto_reply');
  });
});
