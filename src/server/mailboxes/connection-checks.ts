import { domainOf } from '../../shared/mailbox-rules.js';
import type { Db } from '../db/database.js';
import { AppError, fieldIssue } from '../errors.js';
import { createDnsResolver } from '../integrations/dns.js';
import { checkImapInbox } from '../integrations/imap.js';
import { sendOneMessage } from '../integrations/smtp.js';
import { verifySmtpLogin } from '../integrations/smtp-verify.js';
import type { AppServices } from '../services.js';
import { defaultDkimSelector, generateDkimKeyPair } from './dkim-keys.js';
import { checkDkim, checkDomain } from './domain-checks.js';
import { dkimSigningFor, domainView, getDomain, saveDomainCheck, saveGeneratedDkimKey, setDkimSelector, smtpHostsByDomain, type SendingDomainRow } from './domains.service.js';
import { getMailbox, recordServerCheck, toMailboxView, type MailboxRow } from './mailboxes.service.js';
import { openStoredSecret } from './stored-secrets.js';

/**
 * The checks that reach outside: SMTP, IMAP, DNS. Each reads what it needs in one workspace
 * transaction, closes it, talks to the network, then records the outcome in a second one — a
 * transaction never waits on a remote server (on PGlite it would block every other request).
 */
export type WorkspaceScope = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
type CheckServices = Pick<AppServices, 'secretBox' | 'config' | 'imapWatchers'>;

/** How to reach one of the mailbox's servers, its password opened (null when none is stored). */
function serverSettings(row: MailboxRow, server: 'smtp' | 'imap', services: CheckServices) {
  const ciphertext = row[`${server}PasswordCiphertext`];
  return {
    host: row[`${server}Host`] ?? '',
    port: row[`${server}Port`] ?? 0,
    secure: row[`${server}Secure`] ?? false,
    plaintext: row[`${server}Plaintext`],
    user: row[`${server}User`] ?? '',
    password: ciphertext ? openStoredSecret(services.secretBox, ciphertext, server === 'smtp' ? 'SMTP password' : 'IMAP password') : null,
    allowPrivate: services.config.allowPrivateNetworkUrls,
  };
}

export const SANDBOX_TEST_NOTE = 'The sandbox stores mail in the app and sends nothing: there is no server to test.';

export async function runSmtpTest(scope: WorkspaceScope, services: CheckServices, input: { id: string; to: string }) {
  const loaded = await scope(async (db) => {
    const row = await getMailbox(db, input.id);
    if (row.kind === 'sandbox') return { row, sandbox: true as const };
    const dkim = await dkimSigningFor(db, services.secretBox, domainOf(row.fromEmail));
    return { row, sandbox: false as const, dkim };
  });
  const { row } = loaded;
  if (loaded.sandbox) {
    const updated = await scope((db) => recordServerCheck(db, row.id, 'smtp', { ok: true, error: null }));
    return { ok: true, error: null, to: input.to, messageId: null, note: SANDBOX_TEST_NOTE, mailbox: toMailboxView(updated, services) };
  }
  if (!row.smtpHost || !row.smtpPort) throw new AppError('BAD_REQUEST', 'This mailbox has no SMTP server set', { reason: 'mailbox.no_smtp' });
  const settings = serverSettings(row, 'smtp', services);
  const signature = row.signature.trim() ? `\n\n-- \n${row.signature.trim()}` : '';
  const result = await sendOneMessage(settings, {
    from: { name: row.fromName, address: row.fromEmail },
    to: input.to,
    subject: 'Sales Machine test email',
    text: `This is a test message from Sales Machine, sent through ${settings.host}:${settings.port} for the mailbox ${row.fromEmail}.\nIf you can read it, sending works.${signature}`,
    headers: { 'X-Sales-Machine-Test': '1' },
    ...(loaded.dkim ? { dkim: loaded.dkim } : {}),
  });
  const outcome = result.ok ? { ok: true, error: null } : { ok: false, error: result.error };
  const updated = await scope((db) => recordServerCheck(db, row.id, 'smtp', outcome));
  return { ...outcome, to: input.to, messageId: result.ok ? result.messageId : null, note: null, mailbox: toMailboxView(updated, services) };
}

export async function runImapCheck(scope: WorkspaceScope, services: CheckServices, id: string) {
  const row = await scope((db) => getMailbox(db, id));
  if (row.kind === 'sandbox') throw new AppError('BAD_REQUEST', 'The sandbox mailbox has no IMAP server: replies to it are stored in the app', { reason: 'mailbox.sandbox_no_imap' });
  if (!row.imapHost || !row.imapPort) throw new AppError('BAD_REQUEST', 'Set the IMAP server of this mailbox first', { reason: 'mailbox.imap_missing', issues: [fieldIssue(['imap'], 'mailbox.imap_missing', 'No IMAP server set')] });
  const result = await checkImapInbox(serverSettings(row, 'imap', services));
  const outcome = result.ok ? { ok: true, error: null } : { ok: false, error: result.error };
  const updated = await scope((db) => recordServerCheck(db, row.id, 'imap', outcome));
  return {
    ...outcome,
    messages: result.ok ? result.messages : null,
    uidValidity: result.ok ? result.uidValidity : null,
    mailbox: toMailboxView(updated, services),
  };
}

/**
 * Run after a mailbox is saved with new server settings: logs in over SMTP (nothing is sent) and,
 * when IMAP is set, opens INBOX; both outcomes are recorded and set the mailbox's status.
 */
export async function runSaveChecks(scope: WorkspaceScope, services: CheckServices, id: string) {
  const row = await scope((db) => getMailbox(db, id));
  if (row.kind === 'sandbox') return toMailboxView(row, services);
  const [smtp, imap] = await Promise.all([
    row.smtpHost && row.smtpPort ? verifySmtpLogin(serverSettings(row, 'smtp', services)) : null,
    row.imapHost && row.imapPort ? checkImapInbox(serverSettings(row, 'imap', services)) : null,
  ]);
  const outcome = (result: { ok: true } | { ok: false; error: string }) => (result.ok ? { ok: true, error: null } : { ok: false, error: result.error });
  return scope(async (db) => {
    let updated = row;
    if (smtp) updated = await recordServerCheck(db, id, 'smtp', outcome(smtp));
    if (imap) updated = await recordServerCheck(db, id, 'imap', outcome(imap));
    return toMailboxView(updated, services);
  });
}

export async function runDomainCheck(scope: WorkspaceScope, services: CheckServices, domainId: string) {
  const { row, hosts } = await scope(async (db) => {
    const domain = await getDomain(db, domainId);
    const usage = await smtpHostsByDomain(db);
    return { row: domain, hosts: [...(usage.get(domain.domain)?.hosts ?? [])].sort() };
  });
  const result = await checkDomain(createDnsResolver({ servers: services.config.dnsServers }), {
    domain: row.domain,
    smtpHosts: hosts,
    dkimSelector: row.dkimSelector,
    dkimPublicKey: row.dkimPrivateKeyCiphertext ? row.dkimPublicKey : null,
  });
  return scope(async (db) => domainView(db, await saveDomainCheck(db, row.id, result)));
}

/**
 * After the DKIM settings change, the stored DKIM verdict would describe the old key or selector:
 * check DKIM again at once (one look-up), so the page shows the record to publish straight away.
 */
async function recheckDkim(scope: WorkspaceScope, services: CheckServices, row: SendingDomainRow) {
  if (!row.lastCheck) return scope((db) => domainView(db, row));
  const dkim = await checkDkim(createDnsResolver({ servers: services.config.dnsServers }), row.domain, row.dkimSelector, row.dkimPrivateKeyCiphertext ? row.dkimPublicKey : null);
  return scope(async (db) => domainView(db, await saveDomainCheck(db, row.id, { ...row.lastCheck!, dkim })));
}

export async function generateDkimKey(scope: WorkspaceScope, services: CheckServices, input: { domainId: string; selector?: string | undefined }) {
  await scope((db) => getDomain(db, input.domainId));
  const pair = await generateDkimKeyPair();
  const row = await scope((db) => saveGeneratedDkimKey(db, services.secretBox, input.domainId, input.selector ?? defaultDkimSelector(), pair));
  return recheckDkim(scope, services, row);
}

export async function applyDkimSelector(scope: WorkspaceScope, services: CheckServices, input: { domainId: string; selector: string | null }) {
  const row = await scope(async (db) => {
    await getDomain(db, input.domainId);
    return setDkimSelector(db, input.domainId, input.selector);
  });
  return recheckDkim(scope, services, row);
}
