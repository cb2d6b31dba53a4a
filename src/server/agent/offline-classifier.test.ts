import { describe, expect, it } from 'vitest';
import { INTENTS } from './intents.js';
import { trainNaiveBayes } from './naive-bayes.js';
import { classifyReply, classifyReplyWith, replyModel } from './offline-classifier.js';
import { latestReplyText, replyFeatures } from './reply-text.js';
import { TRAINING_REPLIES } from './training-replies.js';

const QUOTED_PITCH =
  '\n\nOn Tue, 14 Jan 2025 at 09:12, Eve Martin <eve@salesmachine.example> wrote:\n> Would a quick call next week work? I am interested in\n> showing you a demo. Reply STOP to unsubscribe.';

describe('rules that decide alone', () => {
  it.each([
    'Not interested, please remove me from your list',
    'not interested... take me off your list',
    'Unsubscribe',
    'Stop emailing me',
    'please don’t email me again',
    'STOP',
    'Merci de me désinscrire',
    'Retirez-moi de votre liste',
    'Je ne souhaite plus recevoir vos messages',
    'Ne me contactez plus.',
  ])('"%s" is a certain unsubscribe', (text) => {
    const result = classifyReply({ text });
    expect(result).toMatchObject({ intent: 'unsubscribe', certain: true, source: 'rules' });
    expect(result.reason.code).toBe('unsubscribe_wording');
    expect(result.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the opt-out in the prospect’s words only, not in our quoted footer', () => {
    const result = classifyReply({ text: `Sounds interesting, tell me more.${QUOTED_PITCH}` });
    expect(result.intent).toBe('interested');
    expect(result.certain).toBe(false);
  });

  it('does not decide alone on a negated opt-out ("don’t remove me")', () => {
    expect(classifyReply({ text: 'Please don’t remove me, I am interested, tell me more' }).certain).toBe(false);
  });

  it('recognises delivery failures by sender, report header, subject and wording', () => {
    expect(classifyReply({ text: 'whatever', from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example>' })).toMatchObject({
      intent: 'bounce',
      certain: true,
      reason: { code: 'delivery_failure_sender' },
    });
    expect(classifyReply({ text: 'x', headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' } }).reason.code).toBe(
      'delivery_report_header',
    );
    expect(classifyReply({ text: 'See below', subject: 'Undeliverable: Quick question' }).intent).toBe('bounce');
    expect(classifyReply({ text: 'Votre message n’a pas pu être remis à paul@exemple.fr.' })).toMatchObject({ intent: 'bounce', certain: true });
  });

  it('recognises automatic replies by header and subject, but not "Auto-Submitted: no"', () => {
    expect(classifyReply({ text: 'Thanks for your email.', headers: { 'auto-submitted': 'auto-replied' } })).toMatchObject({
      intent: 'out_of_office',
      certain: true,
      reason: { code: 'auto_reply_header', params: { header: 'Auto-Submitted: auto-replied' } },
    });
    expect(classifyReply({ text: 'Je suis absente.', subject: 'Réponse automatique : Votre message' })).toMatchObject({ intent: 'out_of_office', certain: true });
    expect(classifyReply({ text: 'Sure, Thursday at 2pm works for me.', headers: { 'Auto-Submitted': 'no' } })).toMatchObject({
      intent: 'meeting_request',
      certain: false,
    });
  });

  it('settles a pure absence notice offline, but not one a person wrote with something else in it', () => {
    const notice = classifyReply({ text: 'I am out of the office until 12 January with limited access to email.' });
    expect(notice).toMatchObject({ intent: 'out_of_office', certain: true, source: 'model' });
    expect(classifyReply({ text: 'Je suis en congés, de retour le 5 janvier.' }).certain).toBe(true);
    const person = classifyReply({ text: 'I am on vacation until Monday, but yes interested, let’s set up a call then' });
    expect(person.certain).toBe(false);
  });

  it('turns "no longer at the company" into a referral when it names someone else', () => {
    const referral = classifyReply({ text: 'I no longer work at Acme. Please contact lisa@acme.example', from: 'bob@acme.example' });
    expect(referral).toMatchObject({ intent: 'referral', certain: false, otherAddresses: ['lisa@acme.example'] });
    expect(classifyReply({ text: 'Bob is no longer with the company.' }).intent).toBe('other');
  });
});

describe('the statistical model', () => {
  it.each([
    ['yes, Tuesday 3pm works', 'meeting_request'],
    ['Interested! Tell me more about how it works', 'interested'],
    ['can you send more info?', 'question'],
    ['who are you?', 'question'],
    ["let's chat next quarter", 'not_now'],
    ['Pas maintenant, recontactez-moi après l’été', 'not_now'],
    ['No thanks, we already use Outreach', 'not_interested'],
    ['talk to my colleague jane@acme.com', 'referral'],
    ['back on Monday', 'out_of_office'],
    ['thanks', 'other'],
  ] as const)('"%s" → %s', (text, intent) => {
    expect(classifyReply({ text }).intent).toBe(intent);
  });

  it('explains itself with a stable code, params and an English line', () => {
    const result = classifyReply({ text: 'yes, Tuesday 3pm works' });
    expect(result.reason.code).toBe('model_with_cue');
    expect(result.reason.params.intent).toBe('meeting_request');
    expect(result.reason.text).toContain('<day> <time> works');
  });

  it('gives a probability per intent that sums to 1, the best one being the confidence', () => {
    const result = classifyReply({ text: 'Sounds good, let’s set up a call' });
    const values = Object.values(result.scores);
    expect(values).toHaveLength(INTENTS.length);
    expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 2);
    expect(Math.max(...values)).toBe(result.confidence);
  });

  it('is less sure of a hesitant reply than of a clear one', () => {
    const clear = classifyReply({ text: 'Yes, a 20 minute demo next Tuesday at 10am works, send the invite' });
    const hesitant = classifyReply({ text: 'hmm maybe, what would that look like' });
    expect(clear.confidence).toBeGreaterThanOrEqual(0.8);
    expect(hesitant.confidence).toBeLessThan(0.8);
  });

  it('says "other" with low confidence when it knows no word of the reply', () => {
    expect(classifyReply({ text: 'Zxqv blorf' })).toMatchObject({ intent: 'other', confidence: 0.3, reason: { code: 'no_known_words' } });
  });

  it('is not fooled by our own pitch quoted under a refusal', () => {
    expect(classifyReply({ text: `No thanks.${QUOTED_PITCH}` }).intent).toBe('not_interested');
  });

  it('detects the language and falls back to the given one', () => {
    expect(classifyReply({ text: 'Oui, jeudi 15h me convient' }).language).toBe('fr');
    expect(classifyReply({ text: '👍', fallbackLanguage: 'fr' })).toMatchObject({ language: 'fr', languageDecided: false });
  });

  it('trains in milliseconds, deterministically', () => {
    const started = performance.now();
    const examples = TRAINING_REPLIES.map(([intent, text]) => ({ label: intent, features: replyFeatures(latestReplyText(text)) }));
    const fresh = trainNaiveBayes(INTENTS, examples);
    expect(performance.now() - started).toBeLessThan(500);
    const text = 'Could be relevant, what are the next steps?';
    expect(classifyReplyWith(fresh, { text })).toEqual(classifyReplyWith(replyModel(), { text }));
  });

  it('ships at least 300 examples in both languages, every intent represented', () => {
    expect(TRAINING_REPLIES.length).toBeGreaterThanOrEqual(300);
    for (const intent of INTENTS) expect(TRAINING_REPLIES.filter(([label]) => label === intent).length).toBeGreaterThanOrEqual(10);
    const french = TRAINING_REPLIES.filter(([, text]) => /[éèàç]|\b(merci|vous|pas)\b/i.test(text)).length;
    expect(french).toBeGreaterThan(100);
  });
});
