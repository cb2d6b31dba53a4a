import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { mailboxes, messages, prospects } from '../db/schema/index.js';
import { AppError } from '../errors.js';
import type { InboundMail } from './inbound-mail.js';
import { ingestInboundMail, type IngestResult } from './ingest.service.js';

/**
 * "Simulate a reply": the sandbox mailbox sends nothing out, so nobody can answer it; this plays
 * the prospect answering one of its messages, in-thread, through the same ingestion as real mail.
 * The whole loop (classification, decision, answer, review) can be tried with no account.
 */
export const SIMULATED_INTENTS = ['interested', 'meeting_request', 'question', 'not_now', 'not_interested', 'unsubscribe', 'out_of_office', 'referral'] as const;
export type SimulatedIntent = (typeof SIMULATED_INTENTS)[number];

const SAMPLES: Record<'en' | 'fr', Record<SimulatedIntent, string>> = {
  en: {
    interested: 'Sounds interesting, I would like to know more. Happy to set up a call.',
    meeting_request: 'Can we book a 30 minute call? Send me a link to pick a time.',
    question: 'How does this work with our existing CRM? Do you integrate with HubSpot?',
    not_now: 'Not right now, we are busy with a migration. Get back to me next quarter.',
    not_interested: 'Thanks but we are not interested.',
    unsubscribe: 'Please remove me from your list.',
    out_of_office: 'I am out of the office with limited access to email.',
    referral: 'I am not the right person for this, please contact my colleague.',
  },
  fr: {
    interested: 'Ça a l’air intéressant, j’aimerais en savoir plus. Échangeons volontiers.',
    meeting_request: 'Pouvons-nous caler un appel de 30 minutes ? Envoyez-moi un lien pour choisir un créneau.',
    question: 'Comment cela fonctionne-t-il avec notre CRM actuel ? Vous êtes intégrés à HubSpot ?',
    not_now: 'Pas pour le moment, nous sommes en pleine migration. Revenez vers moi le trimestre prochain.',
    not_interested: 'Merci mais nous ne sommes pas intéressés.',
    unsubscribe: 'Merci de me retirer de votre liste.',
    out_of_office: 'Je suis absent du bureau avec un accès limité à mes e-mails.',
    referral: 'Je ne suis pas la bonne personne, contactez plutôt ma collègue.',
  },
};

export type SimulateReplyInput = { messageId: string; text?: string; intent?: SimulatedIntent; language?: 'en' | 'fr' };

export async function simulateSandboxReply(db: Db, input: SimulateReplyInput, now: Date = new Date()): Promise<IngestResult> {
  const [row] = await db
    .select({ message: messages, mailboxKind: mailboxes.kind, mailboxEmail: mailboxes.fromEmail, prospectEmail: prospects.email, firstName: prospects.firstName, lastName: prospects.lastName })
    .from(messages)
    .innerJoin(mailboxes, eq(mailboxes.id, messages.mailboxId))
    .innerJoin(prospects, eq(prospects.id, messages.prospectId))
    .where(and(eq(messages.id, input.messageId), eq(messages.direction, 'outbound'), eq(messages.state, 'sent')));
  if (!row || row.mailboxKind !== 'sandbox' || !row.prospectEmail || !row.message.messageIdHeader) {
    throw new AppError('CONFLICT', 'A reply can only be simulated to a message the sandbox mailbox sent', { reason: 'reply.not_simulable' });
  }
  const { message } = row;
  const domain = row.prospectEmail.slice(row.prospectEmail.lastIndexOf('@') + 1);
  const text = input.text?.trim() || SAMPLES[input.language ?? 'en'][input.intent ?? 'interested'];
  const quoted = message.bodyText.split(/\r?\n/).map((line) => `> ${line}`).join('\n');
  const messageId = `<sim-${randomUUID()}@${domain}>`;
  const mail: InboundMail = {
    messageId,
    inReplyTo: message.messageIdHeader,
    references: [...message.references, message.messageIdHeader].filter((id): id is string => Boolean(id)),
    from: { address: row.prospectEmail.toLowerCase(), name: [row.firstName, row.lastName].filter(Boolean).join(' ') },
    to: [{ address: row.mailboxEmail.toLowerCase(), name: '' }],
    cc: [],
    subject: /^re\s?:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`,
    date: now,
    text: `${text}\n\nOn ${(message.sentAt ?? now).toUTCString()}, ${row.mailboxEmail} wrote:\n${quoted}`,
    html: null,
    // An absence notice comes from an autoresponder, and says so (RFC 3834).
    headers: input.intent === 'out_of_office' && !input.text ? { 'auto-submitted': 'auto-replied' } : {},
    isDsn: false,
    deliveryReport: null,
    rawSize: text.length,
    dedupeKey: messageId,
  };
  return ingestInboundMail(db, { now: () => now }, mail, { kind: 'sandbox', mailboxId: message.mailboxId ?? undefined });
}
