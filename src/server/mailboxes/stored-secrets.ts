import { SecretBoxError, type SecretBox } from '../crypto/secret-box.js';
import type { ErrorReason } from '../../shared/error-reasons.js';
import { AppError } from '../errors.js';

const UNREADABLE = {
  'SMTP password': 'mailbox.smtp_password_unreadable',
  'IMAP password': 'mailbox.imap_password_unreadable',
  'DKIM private key': 'domain.dkim_key_unreadable',
} as const satisfies Record<string, ErrorReason>;

/** A stored secret in clear, or a clear error when the key that sealed it is gone. */
export function openStoredSecret(secretBox: SecretBox, ciphertext: string, what: keyof typeof UNREADABLE): string {
  try {
    return secretBox.open(ciphertext);
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw new AppError('CONFLICT', `The stored ${what} cannot be decrypted with the current encryption key: enter it again`, { reason: UNREADABLE[what], cause: error });
    }
    throw error;
  }
}
