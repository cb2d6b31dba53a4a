import { z } from 'zod';

/**
 * A list of short texts as people type them: each item trimmed, blanks dropped, duplicates
 * (ignoring case) dropped keeping the first spelling, then the size checked. Used by the ICP and
 * the agents' topic/word lists.
 */
export function textListSchema(options: { maxItems: number; maxLength: number; what: string }) {
  return z
    .array(z.string().trim().max(options.maxLength, `Each ${options.what} must be at most ${options.maxLength} characters`))
    // A generous raw cap so a huge payload is refused before any work; the real limit is below.
    .max(options.maxItems * 5, `At most ${options.maxItems} ${options.what}s`)
    .transform(dedupeIgnoringCase)
    .pipe(z.array(z.string()).max(options.maxItems, `At most ${options.maxItems} ${options.what}s`));
}

export function dedupeIgnoringCase(items: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const key = item.toLocaleLowerCase();
    if (!item || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}
