import { asc, eq } from 'drizzle-orm';
import { domainOf } from '../../shared/mailbox-rules.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { mailboxes, sendingDomains, type DomainCheckResult } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';
import type { DkimSigning } from '../integrations/smtp.js';
import { dkimRecordValue } from './domain-checks.js';
import { openStoredSecret } from './stored-secrets.js';
import type { DkimKeyPair } from './dkim-keys.js';
import type { DomainView } from './mailbox.schemas.js';

export type SendingDomainRow = typeof sendingDomains.$inferSelect;

/** One row per domain a mailbox sends from; kept when its last mailbox goes (it may hold a DKIM key). */
export async function ensureSendingDomain(db: Db, workspaceId: string, domain: string): Promise<void> {
  await db.insert(sendingDomains).values({ workspaceId, domain }).onConflictDoNothing();
}

export function toDomainView(row: SendingDomainRow, usage: { count: number; hosts: Set<string> } | undefined): DomainView {
  const generated = Boolean(row.dkimPrivateKeyCiphertext && row.dkimPublicKey);
  return {
    id: row.id,
    domain: row.domain,
    mailboxCount: usage?.count ?? 0,
    smtpHosts: [...(usage?.hosts ?? [])].sort(),
    dkim: {
      selector: row.dkimSelector,
      generated,
      recordName: row.dkimSelector ? `${row.dkimSelector}._domainkey.${row.domain}` : null,
      recordValue: generated && row.dkimPublicKey ? dkimRecordValue(row.dkimPublicKey) : null,
    },
    lastCheck: row.lastCheck ?? null,
    checkedAt: row.checkedAt,
  };
}

/** Domains that at least one mailbox sends from, alphabetically. */
export async function listDomains(db: Db): Promise<DomainView[]> {
  const [rows, usage] = await Promise.all([db.select().from(sendingDomains).orderBy(asc(sendingDomains.domain)), smtpHostsByDomain(db)]);
  return rows.filter((row) => usage.has(row.domain)).map((row) => toDomainView(row, usage.get(row.domain)));
}

export async function getDomain(db: Db, id: string): Promise<SendingDomainRow> {
  const [row] = await db.select().from(sendingDomains).where(eq(sendingDomains.id, id)).limit(1);
  if (!row) throw notFound('Domain');
  return row;
}

export async function domainView(db: Db, row: SendingDomainRow): Promise<DomainView> {
  const usage = await smtpHostsByDomain(db);
  return toDomainView(row, usage.get(row.domain));
}

export async function saveDomainCheck(db: Db, id: string, result: DomainCheckResult): Promise<SendingDomainRow> {
  const [row] = await db.update(sendingDomains).set({ lastCheck: result, checkedAt: new Date(result.checkedAt) }).where(eq(sendingDomains.id, id)).returning();
  if (!row) throw notFound('Domain');
  // The health score reads domain checks through a short cache that workspace events drop at once.
  await recordEvent(db, { workspaceId: row.workspaceId, type: 'sending_domain.checked', data: { domain: row.domain } });
  return row;
}

/** Stores a generated key pair (private key sealed) under `selector`; the previous key is replaced. */
export async function saveGeneratedDkimKey(db: Db, secretBox: SecretBox, id: string, selector: string, pair: DkimKeyPair): Promise<SendingDomainRow> {
  const sealed = secretBox.seal(pair.privateKeyPem);
  const [row] = await db
    .update(sendingDomains)
    .set({ dkimSelector: selector, dkimPrivateKeyCiphertext: sealed.ciphertext, dkimKeyId: sealed.keyId, dkimPublicKey: pair.publicKeyBase64 })
    .where(eq(sendingDomains.id, id))
    .returning();
  if (!row) throw notFound('Domain');
  return row;
}

/**
 * Uses the provider's own DKIM (Google, Microsoft…): the selector to check. A key generated here
 * is dropped — the provider signs, and one selector is checked per domain.
 */
export async function setDkimSelector(db: Db, id: string, selector: string | null): Promise<SendingDomainRow> {
  const [row] = await db
    .update(sendingDomains)
    .set({ dkimSelector: selector, dkimPrivateKeyCiphertext: null, dkimKeyId: null, dkimPublicKey: null })
    .where(eq(sendingDomains.id, id))
    .returning();
  if (!row) throw notFound('Domain');
  return row;
}

/** The DKIM signing options for mail from `domain`, when the app generated its key (for nodemailer). */
export async function dkimSigningFor(db: Db, secretBox: SecretBox, domain: string): Promise<DkimSigning | undefined> {
  const [row] = await db.select().from(sendingDomains).where(eq(sendingDomains.domain, domain.toLowerCase())).limit(1);
  if (!row?.dkimSelector || !row.dkimPrivateKeyCiphertext) return undefined;
  return { domainName: row.domain, keySelector: row.dkimSelector, privateKey: openStoredSecret(secretBox, row.dkimPrivateKeyCiphertext, 'DKIM private key') };
}

/** Mailboxes whose From address is on one of these domains (for the domain list and SPF). */
export async function smtpHostsByDomain(db: Db): Promise<Map<string, { count: number; hosts: Set<string> }>> {
  const rows = await db
    .select({ fromEmail: mailboxes.fromEmail, smtpHost: mailboxes.smtpHost })
    .from(mailboxes)
    .where(eq(mailboxes.kind, 'smtp'));
  const byDomain = new Map<string, { count: number; hosts: Set<string> }>();
  for (const row of rows) {
    const domain = domainOf(row.fromEmail);
    const entry = byDomain.get(domain) ?? { count: 0, hosts: new Set<string>() };
    entry.count += 1;
    if (row.smtpHost) entry.hosts.add(row.smtpHost);
    byDomain.set(domain, entry);
  }
  return byDomain;
}
