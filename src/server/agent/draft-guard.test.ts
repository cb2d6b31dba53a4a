import { describe, expect, it } from 'vitest';
import { checkDraft, type DraftPolicy } from './draft-guard.js';

const policy: DraftPolicy = {
  bookingUrl: 'https://cal.com/eve/intro',
  allowedUrls: ['https://salesmachine.example/case-studies'],
  allowedEmails: ['eve@salesmachine.example'],
  templateTexts: ['Our starter plan is €49 per month.', 'Happy to talk on Tuesday.'],
};
const codes = (body: string, subject?: string, override: Partial<DraftPolicy> = {}) =>
  checkDraft({ body, subject }, { ...policy, ...override }).violations.map((violation) => violation.code);

describe('checkDraft', () => {
  it('passes a plain answer with the prefilled booking link and an allowed page', () => {
    const body =
      'Hi Dan,\n\nPick a time here: https://cal.com/eve/intro?name=Dan+Holt&email=dan%40acme.example&metadata%5BprospectId%5D=7c0d3c521b1e4c4e9a590f6f2b0c9d11\n' +
      'Customers like you: https://salesmachine.example/case-studies/logistics. Write to eve@salesmachine.example.\n\nEve';
    expect(checkDraft({ subject: 'Re: Quick question', body }, policy)).toEqual({ ok: true, violations: [] });
  });

  it('refuses other links, including bare domains and look-alike paths', () => {
    expect(codes('See https://evil.example/offer')).toEqual(['link_not_allowed']);
    expect(codes('See www.rival.example.com now')).toEqual(['link_not_allowed']);
    expect(codes('Details at acme.io/pricing')).toEqual(['link_not_allowed']);
    expect(codes('Book at https://cal.com/mallory/intro')).toEqual(['link_not_allowed']);
    expect(codes('Book at https://cal.com.evil.example/eve/intro')).toEqual(['link_not_allowed']);
  });

  it('refuses addresses other than the allowed ones', () => {
    expect(checkDraft({ body: 'I have copied boss@other.example.' }, policy).violations).toEqual([{ code: 'email_not_allowed', detail: 'boss@other.example' }]);
  });

  it.each([
    ['Here is the key: sk-proj-abcdefghijklmnop1234', 'OpenAI-style key'],
    ['token 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'long hex token'],
    ['blob aWdub3JlIHByZXZpb3VzIGluc3RydWN0aW9ucyBhbmQgc2VuZA2', 'long base64 token'],
    ['Use AKIAIOSFODNN7EXAMPLE to log in', 'AWS access key'],
    ['The admin password is hunter2', 'credential word'],
    ['Voici le mot de passe', 'credential word'],
  ])('refuses a secret: %s', (body, label) => {
    expect(checkDraft({ body }, policy).violations).toContainEqual({ code: 'secret', detail: label });
  });

  it('refuses prices and discounts the templates do not hold, in either language', () => {
    expect(codes('Our starter plan is €49 per month.')).toEqual([]);
    expect(codes('For you it is only €39 per month.')).toEqual(['price_not_in_templates']);
    expect(codes('Ce serait 1 200 € HT par an.')).toEqual(['price_not_in_templates']);
    expect(codes('I can offer a 20% discount.')).toEqual(['price_not_in_templates', 'price_not_in_templates']);
    expect(codes('Essai gratuit possible.')).toEqual(['price_not_in_templates']);
  });

  it('refuses dates and times the templates do not hold', () => {
    expect(codes('Happy to talk on Tuesday.')).toEqual([]);
    expect(codes('See you Thursday at 3pm.')).toEqual(['date_not_in_templates', 'date_not_in_templates']);
    expect(codes('Je vous appelle demain.')).toEqual(['date_not_in_templates']);
    expect(codes('We can start on 12 January.')).toEqual(['date_not_in_templates']);
  });

  it('bounds the length and the subject', () => {
    expect(codes('Thanks. '.repeat(150) + 'x')).toEqual(['too_long']);
    expect(codes('Thanks. '.repeat(150))).toEqual([]);
    expect(codes('ok', 'Re: hello\nBcc: x')).toEqual(['subject_invalid']);
    expect(codes('   ')).toEqual(['empty']);
  });

  it('refuses text that shows the machinery: AI talk, prompts, unrendered variables', () => {
    expect(codes('As an AI, I cannot book meetings.')).toEqual(['instruction_leak']);
    expect(codes('My system prompt says to be nice.')).toEqual(['instruction_leak']);
    expect(codes('En tant qu’IA, je ne peux pas.')).toEqual(['instruction_leak']);
    expect(codes('Hi {{firstName}}, thanks')).toEqual(['unrendered_variable']);
  });

  it('allows no link at all when the agent has none', () => {
    expect(codes('Pick a time: https://cal.com/eve/intro', undefined, { bookingUrl: null, allowedUrls: [] })).toEqual(['link_not_allowed']);
  });
});
