import { checkAddressSyntax } from './address-verification.js';
import type { MessageHold } from './render-message.js';

/**
 * Headers of an outbound sequence message: Message-ID on the sender's domain, threading
 * (RFC 5322 §3.6.4), and the one-click unsubscribe pair (RFC 8058). The output is shaped for
 * nodemailer's message options (`from`, `to`, `subject`, `messageId`, `inReplyTo`, `references`,
 * `headers`). Nothing that reaches a header may hold CR, LF or NUL: each value is checked here
 * even though the renderer already collapses subjects, because a header is the one place where a
 * stray line break turns data into instructions (an added Bcc:).
 */

export type MessageBuildErrorCode =
  | 'header_line_break'
  | 'header_nul'
  | 'invalid_address'
  | 'invalid_message_id'
  | 'invalid_unsubscribe_url'
  | 'invalid_unsubscribe_token'
  | 'empty_subject'
  | 'postal_address_missing';

export type HeaderField = 'from_name' | 'from_address' | 'to_name' | 'to_address' | 'subject' | 'message_id' | 'in_reply_to' | 'references' | 'list_unsubscribe' | 'footer';

/** A message that must not be built; `field` says which input is at fault. Never retried as is. */
export class MessageBuildError extends Error {
  override name = 'MessageBuildError';
  constructor(
    readonly code: MessageBuildErrorCode,
    readonly field: HeaderField,
  ) {
    super(`Cannot build the message: ${code} in ${field}`);
  }
}

/** Throws `MessageBuildError` when `value` could break out of its header line. */
export function assertHeaderSafe(field: HeaderField, value: string): void {
  if (/[\r\n]/.test(value)) throw new MessageBuildError('header_line_break', field);
  if (value.includes('\u0000')) throw new MessageBuildError('header_nul', field);
}

/**
 * `<unique@domain>` with a random (UUID) unique part; `domain` is the sender's, from its address.
 * Web Crypto rather than `node:crypto`, so this folder stays importable from the browser bundle.
 */
export function createMessageId(senderAddress: string, unique: string = globalThis.crypto.randomUUID()): string {
  const syntax = checkAddressSyntax(senderAddress);
  if (!syntax.ok) throw new MessageBuildError('invalid_address', 'from_address');
  const local = unique.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!local) throw new MessageBuildError('invalid_message_id', 'message_id');
  return `<${local}@${syntax.domain}>`;
}

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

/** References kept on a follow-up: the thread's root and the latest ones (mail clients need no more). */
export const MAX_REFERENCES = 10;

export type PreviousMessage = { messageId: string; references: readonly string[]; subject: string };

export type ThreadPlan = { subject: string; inReplyTo: string | null; references: string[]; newThread: boolean };

/**
 * How this step threads: a step with a blank subject template continues the previous message's
 * thread (`Re: <its subject>`, In-Reply-To, References); a step with its own subject — or the first
 * step — starts a new thread. A new thread with an empty rendered subject is held.
 */
export function planThreading(input: { subjectTemplate: string; renderedSubject: string; previous: PreviousMessage | null }): { ok: true; plan: ThreadPlan } | { ok: false; hold: MessageHold } {
  const { previous } = input;
  if (previous && input.subjectTemplate.trim() === '') {
    const references = capReferences([...previous.references, previous.messageId]);
    return { ok: true, plan: { subject: replySubject(previous.subject), inReplyTo: previous.messageId, references, newThread: false } };
  }
  if (input.renderedSubject.trim() === '') return { ok: false, hold: { code: 'empty_subject' } };
  return { ok: true, plan: { subject: input.renderedSubject, inReplyTo: null, references: [], newThread: true } };
}

/** `Re: subject`, without stacking `Re: Re:` (nor `RE:` / `Re :`). */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

function capReferences(ids: string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0] ?? '', ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

export type UnsubscribeTargets = { url: string; mailto: string };

/** 16–48: unguessable, yet `unsubscribe+TOKEN` stays within the 64-character local-part limit. */
const TOKEN = /^[A-Za-z0-9_-]{16,48}$/;

/**
 * `https://APP/u/TOKEN` and `mailto:unsubscribe+TOKEN@domain?subject=unsubscribe`. The token alone
 * unsubscribes, with no login (RFC 8058), so it must be unguessable. Some mail servers lower-case
 * local parts: match the mailto token case-insensitively, or issue lower-case tokens (hex, base32).
 */
export function unsubscribeTargets(input: { appUrl: string; token: string; mailtoDomain: string; mailtoLocalPart?: string }): UnsubscribeTargets {
  if (!TOKEN.test(input.token)) throw new MessageBuildError('invalid_unsubscribe_token', 'list_unsubscribe');
  let base: URL;
  try {
    base = new URL(input.appUrl);
  } catch {
    throw new MessageBuildError('invalid_unsubscribe_url', 'list_unsubscribe');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new MessageBuildError('invalid_unsubscribe_url', 'list_unsubscribe');
  const url = `${base.origin}${base.pathname.replace(/\/+$/, '')}/u/${input.token}`;
  const address = `${input.mailtoLocalPart ?? 'unsubscribe'}+${input.token}@${input.mailtoDomain}`;
  if (!checkAddressSyntax(address).ok) throw new MessageBuildError('invalid_address', 'list_unsubscribe');
  return { url, mailto: `mailto:${address}?subject=unsubscribe` };
}

export type Mailbox = { name?: string | null; address: string };

export type OutboundHeadersInput = {
  from: { name: string; address: string };
  to: Mailbox;
  messageId: string;
  thread: ThreadPlan;
  unsubscribe: UnsubscribeTargets;
};

export type OutboundHeaders = {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers: { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
};

/** Header names DKIM must sign besides nodemailer's defaults (its list omits List-Unsubscribe-Post). */
export const DKIM_EXTRA_SIGNED_HEADERS = ['List-Unsubscribe', 'List-Unsubscribe-Post'] as const;

export function buildMessageHeaders(input: OutboundHeadersInput): OutboundHeaders {
  const fromName = input.from.name.trim();
  const toName = (input.to.name ?? '').trim();
  assertHeaderSafe('from_name', fromName);
  assertHeaderSafe('from_address', input.from.address);
  assertHeaderSafe('to_name', toName);
  assertHeaderSafe('to_address', input.to.address);
  assertHeaderSafe('subject', input.thread.subject);
  assertHeaderSafe('message_id', input.messageId);
  assertHeaderSafe('list_unsubscribe', input.unsubscribe.url);
  assertHeaderSafe('list_unsubscribe', input.unsubscribe.mailto);
  if (!checkAddressSyntax(input.from.address).ok) throw new MessageBuildError('invalid_address', 'from_address');
  if (!checkAddressSyntax(input.to.address).ok) throw new MessageBuildError('invalid_address', 'to_address');
  if (input.thread.subject.trim() === '') throw new MessageBuildError('empty_subject', 'subject');
  if (!MESSAGE_ID.test(input.messageId)) throw new MessageBuildError('invalid_message_id', 'message_id');
  if (input.thread.inReplyTo !== null) {
    assertHeaderSafe('in_reply_to', input.thread.inReplyTo);
    if (!MESSAGE_ID.test(input.thread.inReplyTo)) throw new MessageBuildError('invalid_message_id', 'in_reply_to');
  }
  for (const reference of input.thread.references) {
    assertHeaderSafe('references', reference);
    if (!MESSAGE_ID.test(reference)) throw new MessageBuildError('invalid_message_id', 'references');
  }
  const headers: OutboundHeaders = {
    from: { name: fromName, address: input.from.address },
    to: { name: toName, address: input.to.address },
    subject: input.thread.subject,
    messageId: input.messageId,
    headers: { 'List-Unsubscribe': `<${input.unsubscribe.url}>, <${input.unsubscribe.mailto}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
  if (input.thread.inReplyTo !== null) headers.inReplyTo = input.thread.inReplyTo;
  if (input.thread.references.length) headers.references = [...input.thread.references];
  return headers;
}
