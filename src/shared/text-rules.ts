import { z } from 'zod';
import { refused } from './issue-rules.js';

/**
 * Postgres `text` and `jsonb` cannot hold U+0000 (NUL): a string carrying one makes the statement
 * fail, so a request would end in a 500 — or a whole CSV import in an error — instead of the one
 * value being refused as bad input. Free-text inputs start from `storableText`.
 */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000');
}

/** `z.string()` that refuses NUL, naming the field; chain `.trim()`, `.max()`… as usual. */
export function storableText(label = 'Text') {
  return z.string().refine(hasNoNul, refused('text.nul', `${label} must not contain a NUL character`));
}
