import { z } from 'zod';
import { SUPPRESSION_KINDS, SUPPRESSION_REASONS } from '../../shared/enums.js';

export const suppressionOutput = z.object({
  id: z.uuid(),
  kind: z.enum(SUPPRESSION_KINDS),
  /** The address or domain; for `email_hash` (an erased address) only the hash is kept. */
  value: z.string(),
  reason: z.enum(SUPPRESSION_REASONS),
  source: z.string().nullable(),
  createdAt: z.date(),
});
export type SuppressionView = z.infer<typeof suppressionOutput>;

export const listSuppressionsInput = z.object({
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const MANUAL_REASONS = ['manual', 'complaint', 'unsubscribe', 'bounce'] as const;

export const addSuppressionsInput = z.object({
  /** Addresses (`anna@acme.com`) or whole domains (`acme.com`), one per entry. */
  entries: z.array(z.string().trim().max(320)).min(1, 'Enter at least one address or domain').max(5000, 'At most 5000 entries at a time'),
  reason: z.enum(MANUAL_REASONS).default('manual'),
  source: z.string().trim().max(200).optional(),
});

export const importSuppressionsInput = z.object({
  /** The CSV file's text: an `email`/`domain`/`address` column (or the first column), an optional `reason` column. */
  body: z.string().trim().min(1, 'The file is empty').max(5_000_000, 'The file is too large (5 MB at most)'),
  source: z.string().trim().max(200).optional(),
});

export const addSuppressionsOutput = z.object({
  added: z.number().int(),
  alreadyListed: z.number().int(),
  /** Entries that are neither an address nor a domain (at most 50 shown). */
  invalid: z.array(z.string()),
  invalidCount: z.number().int(),
});
export type AddSuppressionsResult = z.infer<typeof addSuppressionsOutput>;
