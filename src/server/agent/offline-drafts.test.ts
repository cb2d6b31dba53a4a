import { describe, expect, it } from 'vitest';
import { checkDraft } from './draft-guard.js';
import type { ReplyIntent } from './intents.js';
import { draftOfflineReply, type DraftAgent, type OfflineDraftInput } from './offline-drafts.js';

const agent: DraftAgent = { language: 'auto', templates: [], bookingUrl: 'https://cal.com/eve/intro' };
const base: OfflineDraftInput = {
  intent: 'interested',
  replyLanguage: 'en',
  replySubject: 'Quick question about outbound at Acme',
  agent,
  prospect: { id: 'p-42', firstName: 'Dan', lastName: 'Holt', email: 'dan@acme.example', company: 'Acme' },
  sender: { name: 'Eve Martin', company: 'Sales Machine' },
};
const draft = (overrides: Partial<OfflineDraftInput>) => draftOfflineReply({ ...base, ...overrides });

describe('draftOfflineReply', () => {
  it('answers a positive reply in-thread with the prefilled booking link', () => {
    const result = draft({});
    expect(result).toMatchObject({ language: 'en', subject: 'Re: Quick question about outbound at Acme', source: 'builtin', templateName: null });
    expect(result?.bookingLink).toBe('https://cal.com/eve/intro?name=Dan+Holt&email=dan%40acme.example&metadata%5BprospectId%5D=p-42');
    expect(result?.body).toContain(result?.bookingLink ?? 'missing');
    expect(result?.body).toMatch(/^Hi Dan,/);
    expect(result?.body).toMatch(/Eve Martin\nSales Machine$/);
  });

  it('writes in the prospect’s language for an "auto" agent, and in the agent’s otherwise', () => {
    expect(draft({ replyLanguage: 'fr', intent: 'meeting_request' })?.body).toMatch(/^Bonjour Dan,[\s\S]*créneau/);
    expect(draft({ replyLanguage: 'fr', agent: { ...agent, language: 'en' } })?.language).toBe('en');
  });

  it('does not re-prefix a subject that already answers', () => {
    expect(draft({ replySubject: 'RE: Demo' })?.subject).toBe('RE: Demo');
  });

  it.each<ReplyIntent>(['unsubscribe', 'not_interested', 'out_of_office', 'bounce', 'other'])('writes nothing for %s', (intent) => {
    expect(draft({ intent })).toBeNull();
  });

  it('uses the agent’s template for the intent in the right language, filling its variables', () => {
    const templates = [
      { name: 'Not now', body: 'Later then, {{firstName}}.' },
      { name: 'Intéressé – rendez-vous', body: 'Bonjour {{firstName}}, voici mon agenda : {{bookingUrl}}' },
      { name: 'Interested – book a call', subject: 'Next step for {{company}}', body: 'Hi {{firstName}}, grab a slot: {{bookingUrl}}\n{{senderName}}' },
    ];
    const english = draft({ agent: { ...agent, templates } });
    expect(english).toMatchObject({ source: 'template', templateName: 'Interested – book a call', subject: 'Next step for Acme' });
    expect(english?.body).toBe(`Hi Dan, grab a slot: ${english?.bookingLink ?? ''}\nEve Martin`);
    expect(draft({ replyLanguage: 'fr', agent: { ...agent, templates } })?.templateName).toBe('Intéressé – rendez-vous');
    // A template for another intent is never used instead.
    expect(draft({ intent: 'question', agent: { ...agent, templates } })?.source).toBe('builtin');
  });

  it('adds the booking link to a positive template that forgot it', () => {
    const result = draft({ agent: { ...agent, templates: [{ name: 'Interested', body: 'Thanks {{firstName}}!' }] } });
    expect(result?.body).toMatch(/^Thanks Dan!\n\nYou can pick a time that suits you here: https:\/\/cal\.com\/eve\/intro\?/);
  });

  it('promises no link it does not have', () => {
    const result = draft({ agent: { ...agent, bookingUrl: null } });
    expect(result?.bookingLink).toBeNull();
    expect(result?.body).not.toContain('http');
    expect(draft({ agent: { ...agent, bookingUrl: 'javascript:alert(1)' } })?.body).not.toContain('javascript');
  });

  it('built-in drafts pass the draft guard in both languages', () => {
    for (const intent of ['interested', 'meeting_request', 'question', 'not_now', 'referral'] as const) {
      for (const replyLanguage of ['en', 'fr'] as const) {
        const result = draft({ intent, replyLanguage });
        expect(result).not.toBeNull();
        if (!result) continue;
        expect(checkDraft(result, { bookingUrl: agent.bookingUrl })).toEqual({ ok: true, violations: [] });
      }
    }
  });
});
