import { describe, expect, it } from 'vitest';
import { AGENT_PERSONALITIES } from '../../shared/agent-rules.js';
import { buildSampleReply, classifyInbound, detectLanguage, type PreviewAgent } from './sample-reply.js';

const sender = { senderName: 'Eve Martin', senderCompany: 'Acme', fallbackLanguage: 'en' as const };
const preview = (agent: Partial<PreviewAgent>, options: { sampleInbound?: string; fallbackLanguage?: 'en' | 'fr' } = {}) =>
  buildSampleReply({ personality: 'consultative', language: 'auto', ...agent }, { ...sender, ...options });

describe('offline sample reply', () => {
  it('reads differently for each personality, and signs with the sender', () => {
    const bodies = AGENT_PERSONALITIES.map((personality) => preview({ personality, language: 'en' }).reply.body);
    expect(new Set(bodies).size).toBe(AGENT_PERSONALITIES.length);
    for (const body of bodies) expect(body).toMatch(/Eve Martin\nAcme$/);
    expect(preview({ personality: 'formal', language: 'en' }).reply.body).toMatch(/^Dear Alex,/);
    expect(preview({ personality: 'friendly', language: 'fr' }).reply.body).toMatch(/^Bonjour Camille !/);
  });

  it('answers in the agent’s language; "auto" follows the prospect, then the fallback', () => {
    expect(preview({ language: 'fr' }).language).toBe('fr');
    expect(preview({ language: 'auto' }, { sampleInbound: 'Bonjour, merci, cela m’intéresse. On peut échanger ?' }).language).toBe('fr');
    expect(preview({ language: 'auto' }, { sampleInbound: 'Hi, sounds interesting, can we talk?' }).language).toBe('en');
    expect(preview({ language: 'auto' }, { fallbackLanguage: 'fr' }).language).toBe('fr');
  });

  it('offers the booking link when there is one, and a time otherwise', () => {
    expect(preview({ language: 'en', bookingUrl: 'https://cal.example.com/eve' }).reply.body).toContain('https://cal.example.com/eve');
    const without = preview({ language: 'en', bookingUrl: null }).reply.body;
    expect(without).not.toContain('http');
    expect(without).toMatch(/Tuesday or Thursday/);
  });

  it('drops pleasantries when the tone asks for brevity', () => {
    const warm = preview({ language: 'en', tone: 'warm' }).reply.body;
    const concise = preview({ language: 'en', tone: 'concise' }).reply.body;
    expect(warm).toContain('Thanks for getting back to me');
    expect(concise).not.toContain('Thanks for getting back to me');
  });

  it('uses the template that fits the reply, with its variables filled in', () => {
    const reply = preview(
      {
        language: 'en',
        bookingUrl: 'https://cal.example.com/eve',
        templates: [
          { name: 'Not now', body: 'Later, {{firstName}}.' },
          { name: 'Interested – book a call', subject: 'Next step for {{company}}', body: 'Hi {{firstName}}, pick a time: {{bookingUrl}}\n{{senderName}}, {{senderCompany}}' },
        ],
      },
      { sampleInbound: 'Interested, let us set up a call' },
    );
    expect(reply.source).toBe('template');
    expect(reply.templateName).toBe('Interested – book a call');
    expect(reply.reply).toEqual({ subject: 'Next step for Northwind Logistics', body: 'Hi Alex, pick a time: https://cal.example.com/eve\nEve Martin, Acme' });
  });

  it('sends to review on an escalation word, a forbidden topic, low confidence or auto-send off', () => {
    expect(preview({ escalationWords: ['lawyer'] }, { sampleInbound: 'Interested, but my lawyer wants to see the contract' })).toMatchObject({
      decision: 'review_escalation',
      matched: 'lawyer',
    });
    const forbidden = preview({ language: 'en', forbiddenTopics: ['pricing'] }, { sampleInbound: 'What is your pricing?' });
    expect(forbidden).toMatchObject({ decision: 'review_forbidden_topic', matched: 'pricing' });
    expect(forbidden.reply.body).toContain('not able to discuss pricing');
    // A bare question is classified with less confidence than the default 0.80 threshold.
    expect(preview({}, { sampleInbound: 'How does it work exactly?' })).toMatchObject({ intent: 'question', decision: 'review_low_confidence' });
    expect(preview({ confidenceThreshold: 0.7 }, { sampleInbound: 'How does it work exactly?' }).decision).toBe('auto_send');
    expect(preview({ autoSend: false }).decision).toBe('review_autosend_off');
    expect(preview({}).decision).toBe('auto_send');
  });

  it('does not push a meeting on someone who declined', () => {
    const reply = preview({ language: 'en', bookingUrl: 'https://cal.example.com/eve' }, { sampleInbound: 'Not interested, thanks' });
    expect(reply.intent).toBe('not_interested');
    expect(reply.reply.body).not.toContain('cal.example.com');
  });
});

describe('classification helpers', () => {
  it('recognises the common intents in English and French', () => {
    expect(classifyInbound('Please remove me from your list')).toBe('not_interested');
    expect(classifyInbound('Pas intéressé, merci')).toBe('not_interested');
    expect(classifyInbound('Maybe next quarter')).toBe('not_now');
    expect(classifyInbound('Recontactez-moi plus tard')).toBe('not_now');
    expect(classifyInbound('Happy to book a demo')).toBe('interested');
    expect(classifyInbound('Combien ça coûte ?')).toBe('question');
    expect(detectLanguage('')).toBeNull();
  });
});
