import { describe, expect, it } from 'vitest';
import { assertHeaderSafe, buildMessageHeaders, createMessageId, MAX_REFERENCES, MessageBuildError, planThreading, replySubject, unsubscribeTargets, type OutboundHeadersInput } from './message-headers.js';

const token = 'k3y9vq2m7x1c8b4n6z0p5r';
const unsubscribe = unsubscribeTargets({ appUrl: 'https://app.example.com/', token, mailtoDomain: 'acme.example' });

const firstThread = planThreading({ subjectTemplate: 'Idea for {{company}}', renderedSubject: 'Idea for Acme', previous: null });
if (!firstThread.ok) throw new Error('expected a plan');

const input = (patch: Partial<OutboundHeadersInput> = {}): OutboundHeadersInput => ({
  from: { name: 'Alex Durand', address: 'alex@acme.example' },
  to: { name: 'Camille Martin', address: 'camille@client.example' },
  messageId: createMessageId('alex@acme.example', '0f8e2f1c-7a4b-4c39-9d2e-5b6a7c8d9e0f'),
  thread: firstThread.plan,
  unsubscribe,
  ...patch,
});

const buildError = (run: () => unknown): MessageBuildError | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof MessageBuildError ? error : null;
  }
};

describe('Message-ID', () => {
  it('puts a random unique part on the sender domain', () => {
    expect(createMessageId('Alex@ACME.example', '0F8E2F1C-7A4B-4C39-9D2E-5B6A7C8D9E0F')).toBe('<0f8e2f1c7a4b4c399d2e5b6a7c8d9e0f@acme.example>');
    const random = new Set(Array.from({ length: 50 }, () => createMessageId('alex@acme.example')));
    expect(random.size).toBe(50);
    for (const id of random) expect(id).toMatch(/^<[0-9a-f]{32}@acme\.example>$/);
    expect(buildError(() => createMessageId('not an address'))?.code).toBe('invalid_address');
  });
});

describe('threading', () => {
  const previous = { messageId: '<m2@acme.example>', references: ['<m1@acme.example>'], subject: 'Idea for Acme' };

  it('continues the thread when the step has no subject of its own', () => {
    expect(planThreading({ subjectTemplate: '  ', renderedSubject: '', previous })).toEqual({
      ok: true,
      plan: { subject: 'Re: Idea for Acme', inReplyTo: '<m2@acme.example>', references: ['<m1@acme.example>', '<m2@acme.example>'], newThread: false },
    });
  });

  it('starts a new thread when the step sets its own subject, and holds an empty first subject', () => {
    expect(planThreading({ subjectTemplate: 'New angle', renderedSubject: 'New angle', previous })).toEqual({
      ok: true,
      plan: { subject: 'New angle', inReplyTo: null, references: [], newThread: true },
    });
    expect(planThreading({ subjectTemplate: '{{custom.x|}}', renderedSubject: '', previous: null })).toEqual({ ok: false, hold: { code: 'empty_subject' } });
  });

  it('does not stack Re: and caps References to the root plus the latest', () => {
    expect(replySubject('RE: Idea')).toBe('RE: Idea');
    expect(replySubject('Re : Idea')).toBe('Re : Idea');
    expect(replySubject('Ready?')).toBe('Re: Ready?');
    const long = { messageId: '<m20@x.example>', references: Array.from({ length: 19 }, (_, index) => `<m${index + 1}@x.example>`), subject: 'Re: Idea' };
    const plan = planThreading({ subjectTemplate: '', renderedSubject: '', previous: long });
    if (!plan.ok) throw new Error('expected a plan');
    expect(plan.plan.references).toHaveLength(MAX_REFERENCES);
    expect(plan.plan.references[0]).toBe('<m1@x.example>');
    expect(plan.plan.references.at(-1)).toBe('<m20@x.example>');
    expect(plan.plan.subject).toBe('Re: Idea');
  });
});

describe('List-Unsubscribe', () => {
  it('builds the https URL and the mailto, without a double slash', () => {
    expect(unsubscribe).toEqual({
      url: `https://app.example.com/u/${token}`,
      mailto: `mailto:unsubscribe+${token}@acme.example?subject=unsubscribe`,
    });
    expect(unsubscribeTargets({ appUrl: 'http://localhost:3000/sm', token, mailtoDomain: 'acme.example' }).url).toBe(`http://localhost:3000/sm/u/${token}`);
  });

  it('refuses guessable or unsafe tokens and non-web URLs', () => {
    expect(buildError(() => unsubscribeTargets({ appUrl: 'https://a.example', token: 'short', mailtoDomain: 'acme.example' }))?.code).toBe('invalid_unsubscribe_token');
    expect(buildError(() => unsubscribeTargets({ appUrl: 'https://a.example', token: `${token}\r\nBcc: x@y.z`, mailtoDomain: 'acme.example' }))?.code).toBe('invalid_unsubscribe_token');
    expect(buildError(() => unsubscribeTargets({ appUrl: 'javascript:alert(1)', token, mailtoDomain: 'acme.example' }))?.code).toBe('invalid_unsubscribe_url');
    expect(buildError(() => unsubscribeTargets({ appUrl: 'not a url', token, mailtoDomain: 'acme.example' }))?.code).toBe('invalid_unsubscribe_url');
  });
});

describe('buildMessageHeaders', () => {
  it('produces nodemailer-ready fields with the RFC 8058 pair', () => {
    expect(buildMessageHeaders(input())).toEqual({
      from: { name: 'Alex Durand', address: 'alex@acme.example' },
      to: { name: 'Camille Martin', address: 'camille@client.example' },
      subject: 'Idea for Acme',
      messageId: '<0f8e2f1c7a4b4c399d2e5b6a7c8d9e0f@acme.example>',
      headers: {
        'List-Unsubscribe': `<https://app.example.com/u/${token}>, <mailto:unsubscribe+${token}@acme.example?subject=unsubscribe>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  });

  it('adds In-Reply-To and References on a follow-up', () => {
    const headers = buildMessageHeaders(input({ thread: { subject: 'Re: Idea for Acme', inReplyTo: '<m1@acme.example>', references: ['<m1@acme.example>'], newThread: false } }));
    expect(headers.inReplyTo).toBe('<m1@acme.example>');
    expect(headers.references).toEqual(['<m1@acme.example>']);
  });

  it('refuses CR, LF and NUL in every header value, naming the field', () => {
    const cases: [Partial<OutboundHeadersInput>, string, string][] = [
      [{ from: { name: 'Alex\r\nBcc: victim@example.com', address: 'alex@acme.example' } }, 'from_name', 'header_line_break'],
      [{ to: { name: 'Camille\u0000', address: 'camille@client.example' } }, 'to_name', 'header_nul'],
      [{ to: { address: 'camille@client.example\nBcc: x@y.z' } }, 'to_address', 'header_line_break'],
      [{ thread: { ...firstThread.plan, subject: 'Hello\nBcc: x@y.z' } }, 'subject', 'header_line_break'],
      [{ thread: { ...firstThread.plan, inReplyTo: '<a@b.c>\r\nX: y' } }, 'in_reply_to', 'header_line_break'],
      [{ thread: { ...firstThread.plan, references: ['<a@b.c>\n'] } }, 'references', 'header_line_break'],
      [{ messageId: '<a@b.c>\n' }, 'message_id', 'header_line_break'],
    ];
    for (const [patch, field, code] of cases) {
      const error = buildError(() => buildMessageHeaders(input(patch)));
      expect(error, field).not.toBeNull();
      expect([error?.field, error?.code]).toEqual([field, code]);
    }
    expect(buildError(() => assertHeaderSafe('subject', 'fine'))).toBeNull();
  });

  it('refuses malformed addresses, message ids and an empty subject', () => {
    expect(buildError(() => buildMessageHeaders(input({ to: { address: 'nobody' } })))?.code).toBe('invalid_address');
    expect(buildError(() => buildMessageHeaders(input({ messageId: 'no-brackets@acme.example' })))?.code).toBe('invalid_message_id');
    expect(buildError(() => buildMessageHeaders(input({ thread: { ...firstThread.plan, subject: ' ' } })))?.code).toBe('empty_subject');
  });
});
