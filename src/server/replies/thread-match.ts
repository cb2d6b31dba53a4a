import type { InboundMail } from './inbound-mail.js';
import { emailDomain, normaliseAddress } from './mail-headers.js';

/**
 * Which of our outbound messages an inbound one answers. The caller supplies the lookups (SQL in
 * the service, in-memory in tests); the rules are here:
 * 1. our own mail never counts: From is one of our mailboxes, or its Message-ID is one we sent
 *    (Sent-folder copies, BCC to self, a loop through a forwarding rule);
 * 2. it must be addressed to (or received by) one of our mailboxes;
 * 3. In-Reply-To, then References (newest first), against our Message-IDs;
 * 4. else the most recent outbound to the sender's address, then to the sender's company domain
 *    (a colleague answering for the prospect) — preferring what the receiving mailbox sent;
 * 5. a header match still has to come from the prospect or their company's domain.
 */
export type OutboundMessageRef = {
  /** Our `messages` row id; null when another tool (Instantly) sent the message, so no row of ours holds it. */
  id: string | null;
  messageId: string;
  prospectId: string;
  prospectEmail: string;
  /** The prospect's company domain when known (else the domain of their address is used). */
  prospectCompanyDomain: string | null;
  campaignId: string | null;
  mailboxAddress: string;
  sentAt: Date;
};

export interface ThreadLookup {
  /** Addresses of every mailbox of the workspace (sending and receiving). */
  ownAddresses(): Promise<readonly string[]>;
  /** Our outbound messages whose Message-ID is one of `messageIds` (canonical `<id@domain>`). */
  outboundByMessageIds(messageIds: readonly string[]): Promise<readonly OutboundMessageRef[]>;
  /** Recent outbound messages to that address (the caller bounds how many). */
  outboundToAddress(address: string): Promise<readonly OutboundMessageRef[]>;
  /** Recent outbound messages to prospects whose company domain (or address domain) is `domain`. */
  outboundToDomain(domain: string): Promise<readonly OutboundMessageRef[]>;
}

export type ReplyMatchReason = 'matched_by_in_reply_to' | 'matched_by_references' | 'matched_by_sender' | 'matched_by_company_domain';
export type NotReplyReason = 'no_sender' | 'own_message' | 'not_to_campaign_mailbox' | 'not_from_prospect' | 'unknown_thread';

export type ThreadVerdict =
  | { kind: 'reply'; reason: ReplyMatchReason; outbound: OutboundMessageRef; senderIsProspect: boolean }
  | { kind: 'not_reply'; reason: NotReplyReason };

export type ThreadMatchInput = Pick<InboundMail, 'messageId' | 'inReplyTo' | 'references' | 'from' | 'to' | 'cc'> & {
  /** The mailbox the message was read from (IMAP) or delivered to (webhook), when known. */
  receivedBy?: string | null;
};

// A shared consumer domain says nothing about the company: bob@gmail.com and eve@gmail.com are strangers.
export const FREE_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.fr', 'yahoo.co.uk', 'ymail.com', 'hotmail.com', 'hotmail.fr',
  'hotmail.co.uk', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr', 'msn.com', 'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.fr', 'gmx.de', 'gmx.net', 'web.de', 'mail.com',
  'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr', 'neuf.fr', 'bbox.fr', 'numericable.fr', 'yandex.com',
  'yandex.ru', 'mail.ru', 'zoho.com', 'tutanota.com', 'fastmail.com', 'hey.com',
]);

export function companyDomainOf(address: string, companyDomain: string | null): string | null {
  const declared = companyDomain?.trim().toLowerCase().replace(/^www\./, '') || null;
  const domain = declared ?? emailDomain(address);
  return FREE_MAIL_DOMAINS.has(domain) ? null : domain;
}

function sameCompany(sender: string, outbound: OutboundMessageRef): boolean {
  const domain = companyDomainOf(outbound.prospectEmail, outbound.prospectCompanyDomain);
  if (!domain) return false;
  const senderDomain = emailDomain(sender);
  return senderDomain === domain || senderDomain.endsWith(`.${domain}`);
}

function isProspect(sender: string, outbound: OutboundMessageRef): boolean {
  return normaliseAddress(outbound.prospectEmail) === sender;
}

/** The most recent, preferring messages sent by a mailbox the reply was addressed to. */
function mostRecent(candidates: readonly OutboundMessageRef[], recipients: ReadonlySet<string>): OutboundMessageRef | null {
  const sorted = [...candidates].sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime());
  return sorted.find((candidate) => recipients.has(candidate.mailboxAddress.toLowerCase())) ?? sorted[0] ?? null;
}

export async function matchThread(mail: ThreadMatchInput, lookup: ThreadLookup): Promise<ThreadVerdict> {
  const sender = mail.from ? normaliseAddress(mail.from.address) : null;
  if (!sender) return { kind: 'not_reply', reason: 'no_sender' };
  const own = new Set((await lookup.ownAddresses()).map((address) => address.toLowerCase()));
  if (own.has(sender)) return { kind: 'not_reply', reason: 'own_message' };
  if (mail.messageId && (await lookup.outboundByMessageIds([mail.messageId])).length > 0) return { kind: 'not_reply', reason: 'own_message' };

  const recipients = new Set([...mail.to, ...mail.cc].map((entry) => entry.address.toLowerCase()));
  const receivedBy = mail.receivedBy ? normaliseAddress(mail.receivedBy) : null;
  if (receivedBy) recipients.add(receivedBy);
  const ourRecipients = new Set([...recipients].filter((address) => own.has(address)));
  if (ourRecipients.size === 0) return { kind: 'not_reply', reason: 'not_to_campaign_mailbox' };

  const byHeader = await matchByHeaders(mail, lookup);
  if (byHeader) {
    const prospect = isProspect(sender, byHeader.outbound);
    if (!prospect && !sameCompany(sender, byHeader.outbound)) return { kind: 'not_reply', reason: 'not_from_prospect' };
    return { kind: 'reply', reason: byHeader.reason, outbound: byHeader.outbound, senderIsProspect: prospect };
  }

  const toSender = mostRecent(await lookup.outboundToAddress(sender), ourRecipients);
  if (toSender) return { kind: 'reply', reason: 'matched_by_sender', outbound: toSender, senderIsProspect: true };
  const domain = companyDomainOf(sender, null);
  if (domain) {
    const colleagues = (await lookup.outboundToDomain(domain)).filter((candidate) => sameCompany(sender, candidate));
    const toCompany = mostRecent(colleagues, ourRecipients);
    if (toCompany) return { kind: 'reply', reason: 'matched_by_company_domain', outbound: toCompany, senderIsProspect: false };
  }
  return { kind: 'not_reply', reason: 'unknown_thread' };
}

async function matchByHeaders(mail: ThreadMatchInput, lookup: ThreadLookup): Promise<{ reason: ReplyMatchReason; outbound: OutboundMessageRef } | null> {
  const references = mail.references.filter((id) => id !== mail.inReplyTo).reverse();
  const ids = [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...references];
  if (ids.length === 0) return null;
  const found = await lookup.outboundByMessageIds(ids);
  const byId = new Map(found.map((outbound) => [outbound.messageId, outbound]));
  if (mail.inReplyTo) {
    const parent = byId.get(mail.inReplyTo);
    if (parent) return { reason: 'matched_by_in_reply_to', outbound: parent };
  }
  // References lists the thread oldest first: the newest of ours is the message being answered.
  for (const id of references) {
    const outbound = byId.get(id);
    if (outbound) return { reason: 'matched_by_references', outbound };
  }
  return null;
}
