import { emailAddressesIn } from './reply-text.js';

export type ReferralContact = { email: string; name: string | null };

// Addresses no person reads: never worth creating as a prospect.
const MACHINE_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounce[s]?|notifications?)([+.-]|$)/i;

const NAME_WORD = "\\p{Lu}[\\p{L}'’-]+";
// "Tom Becker: tom@…", "Rob Stone (rob@…)", "Amy Chen, amy@…", "Lisa at lisa@…", "Paul Moreau <p.moreau@…>".
const NAME_BEFORE_ADDRESS = new RegExp(`(${NAME_WORD}(?: ${NAME_WORD}){0,2})\\s*(?:[:,(<–-]|\\bat\\b|\\bà\\b)?\\s*\\(?<?$`, 'u');
const NOT_NAMES = new Set(['Hi', 'Hello', 'Bonjour', 'Please', 'Merci', 'Contact', 'Contactez', 'Email', 'Try', 'Écrivez', 'Not', 'Cc', 'Wrong']);

function nameBefore(text: string, address: string): string | null {
  const index = text.toLowerCase().indexOf(address);
  if (index < 0) return null;
  const match = NAME_BEFORE_ADDRESS.exec(text.slice(Math.max(0, index - 60), index));
  if (!match?.[1]) return null;
  const words = match[1].split(' ').filter((word) => !NOT_NAMES.has(word));
  return words.length > 0 ? words.join(' ') : null;
}

/**
 * The person a reply points to: the first address in the prospect's own words that is neither
 * theirs nor ours nor a machine's, with the name written just before it when there is one.
 */
export function findReferralContact(latestText: string, knownAddresses: readonly string[]): ReferralContact | null {
  const known = new Set(knownAddresses.map((address) => address.trim().toLowerCase()));
  const email = emailAddressesIn(latestText).find((address) => !known.has(address) && !MACHINE_LOCAL_PARTS.test(address.split('@')[0] ?? ''));
  if (!email) return null;
  return { email, name: nameBefore(latestText, email) };
}
