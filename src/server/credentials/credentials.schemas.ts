import { z } from 'zod';
import { CREDENTIAL_SERVICES } from '../../shared/enums.js';
import { refused } from '../../shared/issue-rules.js';

/** REST/tRPC shapes of the credentials API. Secrets go in; only views come out. */
export const serviceSchema = z.enum(CREDENTIAL_SERVICES);

const changeable = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullable().optional();

export const saveCredentialInput = z.object({
  service: serviceSchema,
  apiKey: changeable(4096).describe('The API key or token (secret). Omitted: keep the stored one; null or "": remove it.'),
  baseUrl: changeable(2048).describe('openai only: an OpenAI-compatible base URL (e.g. http://localhost:11434/v1 for Ollama). Empty: OPENAI_BASE_URL.'),
  model: changeable(200).describe('openai only: the model name.'),
  extra: z
    .record(z.string().max(50), z.string().max(4096, 'must be at most 4096 characters').nullable())
    .refine((record) => Object.keys(record).length <= 10, refused({ rule: 'record.too_many', max: 10 }, 'has too many fields'))
    .optional()
    .describe(
      'Per-service fields. calcom: bookingUrl; calendly: schedulingUrl; webhook: url (secret), secret (secret, signs deliveries). ' +
        'Same rules: omitted keeps, null removes. Inbound webhook secrets are generated: see /admin/settings/webhooks.',
    ),
  isActive: z.boolean().optional().describe('false: keep the credential but let the engines ignore it.'),
});

export const credentialView = z.object({
  service: serviceSchema,
  isActive: z.boolean(),
  last4: z.string().nullable(),
  storedSecrets: z.array(z.string()),
  readable: z.boolean(),
  lastVerifiedAt: z.date().nullable(),
  lastVerifyOk: z.boolean().nullable(),
  lastVerifyError: z.string().nullable(),
  updatedAt: z.date(),
  baseUrl: z.string().optional(),
  model: z.string().optional(),
  bookingUrl: z.string().optional(),
  schedulingUrl: z.string().optional(),
  /** The host of the notification webhook (the URL itself is secret). */
  urlHost: z.string().optional(),
});

export const verifyOutput = z.object({
  ok: z.boolean(),
  error: z.string().nullable(),
  /** Who the service says we are (an email, a host, a count), when it tells. */
  account: z.string().nullable(),
  credential: credentialView,
});
