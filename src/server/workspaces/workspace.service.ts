import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { workspaceNameSchema } from '../../shared/auth-rules.js';
import { UI_LANGUAGES } from '../../shared/enums.js';
import { refused } from '../../shared/issue-rules.js';
import {
  COMPANY_NAME_MAX_LENGTH,
  POSTAL_ADDRESS_MAX_LENGTH,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  isSupportedTimeZone,
} from '../../shared/workspace-rules.js';
import type { Db } from '../db/database.js';
import { workspaces } from '../db/schema/index.js';
import { notFound } from '../errors.js';

/** Empty text means "not set" (null), so clearing a field in a form clears it in the database. */
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .transform((value) => value || null)
    .nullable();

export const workspaceSettingsInput = z.object({
  name: workspaceNameSchema.optional(),
  companyName: optionalText(COMPANY_NAME_MAX_LENGTH, 'Company name').optional(),
  /** Printed in every email footer (CAN-SPAM): campaigns should not send without it. */
  postalAddress: optionalText(POSTAL_ADDRESS_MAX_LENGTH, 'Postal address').optional(),
  timezone: z
    .string()
    .trim()
    .max(64)
    .refine(isSupportedTimeZone, refused('timezone.invalid', 'Unknown time zone: use an IANA name such as Europe/Paris'))
    .optional(),
  language: z.enum(UI_LANGUAGES).optional(),
  retentionDays: z
    .number()
    .int('Retention must be a whole number of days')
    .min(RETENTION_MIN_DAYS, `Retention must be between ${RETENTION_MIN_DAYS} and ${RETENTION_MAX_DAYS} days`)
    .max(RETENTION_MAX_DAYS, `Retention must be between ${RETENTION_MIN_DAYS} and ${RETENTION_MAX_DAYS} days`)
    .optional(),
});
export type WorkspaceSettingsInput = z.infer<typeof workspaceSettingsInput>;

export const workspaceSettingsOutput = z.object({
  id: z.string(),
  name: z.string(),
  companyName: z.string().nullable(),
  postalAddress: z.string().nullable(),
  timezone: z.string(),
  language: z.enum(UI_LANGUAGES),
  retentionDays: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WorkspaceSettingsView = z.infer<typeof workspaceSettingsOutput>;

const columns = {
  id: workspaces.id,
  name: workspaces.name,
  companyName: workspaces.companyName,
  postalAddress: workspaces.postalAddress,
  timezone: workspaces.timezone,
  language: workspaces.language,
  retentionDays: workspaces.retentionDays,
  createdAt: workspaces.createdAt,
  updatedAt: workspaces.updatedAt,
};

export async function getWorkspaceSettings(db: Db, workspaceId: string): Promise<WorkspaceSettingsView> {
  const [row] = await db.select(columns).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('Workspace');
  return row;
}

export async function updateWorkspaceSettings(db: Db, workspaceId: string, input: WorkspaceSettingsInput): Promise<WorkspaceSettingsView> {
  const fields = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  if (Object.keys(fields).length) await db.update(workspaces).set(fields).where(eq(workspaces.id, workspaceId));
  return getWorkspaceSettings(db, workspaceId);
}
