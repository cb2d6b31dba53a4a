import { z } from 'zod';
import { hasNoNul } from '../../shared/text-rules.js';

/**
 * Strings arriving in webhook bodies from outside (inbound mail, Cal.com, Calendly, Instantly).
 * JSON.parse turns `"\ud800"` into a lone surrogate: Postgres refuses it (invalid UTF-8) like it
 * refuses NUL, so either would end in a 500 after the signature was accepted. Both are refused
 * here, with a length bound so one field cannot fill a row.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasNoLoneSurrogate(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

export function payloadText(max: number) {
  return z
    .string()
    .max(max)
    .refine(hasNoNul, 'must not contain a NUL character')
    .refine(hasNoLoneSurrogate, 'must not contain a lone UTF-16 surrogate');
}

export type PayloadIssue = { path: string; message: string };

/** zod issues as `{path: "a.b.0", message}`, the shape the routes answer 400 with. */
export function payloadIssues(error: z.ZodError): PayloadIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
