import { SecretBoxError, type SecretBox } from '../crypto/secret-box.js';
import { AppError } from '../errors.js';

/** A stored secret in clear, or a clear error when the key that sealed it is gone. */
export function openStoredSecret(secretBox: SecretBox, ciphertext: string, what: string): string {
  try {
    return secretBox.open(ciphertext);
  } catch (error) {
    if (error instanceof SecretBoxError) {
      throw new AppError('CONFLICT', `The stored ${what} cannot be decrypted with the current encryption key: enter it again`, { cause: error });
    }
    throw error;
  }
}
