import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONFIDENCE_MIN } from '../../shared/agent-rules.js';
import { evaluateReplyOffline, type EvaluationAgent } from './evaluate-reply.js';

/**
 * Replies written to steer the agent (tests/fixtures/injection-replies.json) must never be answered
 * automatically, even by the most permissive agent the settings allow.
 */
const corpus = z
  .array(z.object({ text: z.string().min(1), attack: z.string().min(1) }))
  .parse(JSON.parse(readFileSync(new URL('../../../tests/fixtures/injection-replies.json', import.meta.url), 'utf8')));

const permissive: EvaluationAgent = {
  confidenceThreshold: CONFIDENCE_MIN,
  autoSend: true,
  bookingUrl: 'https://cal.com/eve/intro',
  escalationWords: [],
  forbiddenTopics: [],
  language: 'auto',
  templates: [],
};
const evaluate = (text: string, agent: EvaluationAgent = permissive) =>
  evaluateReplyOffline({
    message: { text, subject: 'Re: Quick question' },
    agent,
    prospect: { id: 'p-1', firstName: 'Dan', lastName: 'Holt', email: 'dan@acme.example' },
    sender: { name: 'Eve Martin', company: 'Sales Machine', email: 'eve@salesmachine.example' },
    now: new Date('2025-03-12T10:00:00Z'),
  });

const SAFETY_REASONS = ['injection_suspected', 'link_in_reply', 'escalation_word', 'draft_rejected'];

describe('injection corpus', () => {
  it('holds at least 25 attacks, in English and French', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    expect(corpus.filter((item) => /[éèàç]/.test(item.text)).length).toBeGreaterThanOrEqual(5);
  });

  it('never yields an automatic answer', () => {
    const sent = corpus.map((item) => ({ item, result: evaluate(item.text) })).filter(({ result }) => result.decision.action === 'auto_reply');
    expect(sent.map(({ item }) => item.attack)).toEqual([]);
  });

  it('is stopped by a safety check, not by luck with the confidence', () => {
    const noThreshold = { ...permissive, confidenceThreshold: 0 };
    for (const item of corpus) {
      const { decision } = evaluate(item.text, noThreshold);
      expect(decision.action, item.attack).not.toBe('auto_reply');
      if (decision.action === 'review') {
        expect(
          decision.reasons.some((reason) => SAFETY_REASONS.includes(reason.code)),
          `${item.attack}: ${decision.reasons.map((reason) => reason.code).join(', ')}`,
        ).toBe(true);
      }
    }
  });

  it('still answers a genuine meeting request automatically (the checks are not blanket refusals)', () => {
    const { decision, draft } = evaluate('Yes, Tuesday 3pm works for a call, send me the invite.');
    expect(decision.action).toBe('auto_reply');
    expect(draft?.bookingLink).toContain('https://cal.com/eve/intro?');
  });
});
