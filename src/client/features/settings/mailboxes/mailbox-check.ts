import type { Mailbox } from './mailbox-format.js';

/** Why a saved mailbox is not used for sending: its failed SMTP check first, else its IMAP one. */
export function failedCheck(mailbox: Mailbox): { server: 'smtp' | 'imap'; error: string } | null {
  if (mailbox.kind === 'sandbox' || mailbox.status !== 'error') return null;
  if (mailbox.lastTest && !mailbox.lastTest.ok) return { server: 'smtp', error: mailbox.lastTest.error ?? '' };
  if (mailbox.lastImapCheck && !mailbox.lastImapCheck.ok) return { server: 'imap', error: mailbox.lastImapCheck.error ?? '' };
  return null;
}
