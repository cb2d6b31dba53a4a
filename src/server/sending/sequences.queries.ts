import { asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { sequenceSteps, stepVariants } from '../db/schema/index.js';

export type StoredStep = {
  id: string;
  position: number;
  delayDays: number;
  businessDays: boolean;
  subject: string;
  body: string;
  bodyFormat: 'text' | 'html';
  /** Versions B, C, D (index 1–3), in order. */
  variants: { subject: string; body: string }[];
};

/** The campaign's steps in order, each with its A/B versions. */
export async function loadSequence(db: Db, campaignId: string): Promise<StoredStep[]> {
  const steps = await db.select().from(sequenceSteps).where(eq(sequenceSteps.campaignId, campaignId)).orderBy(asc(sequenceSteps.position));
  if (steps.length === 0) return [];
  const variants = await db
    .select()
    .from(stepVariants)
    .where(inArray(stepVariants.stepId, steps.map((step) => step.id)))
    .orderBy(asc(stepVariants.variantIndex));
  return steps.map((step) => ({
    id: step.id,
    position: step.position,
    delayDays: step.delayDays,
    businessDays: step.businessDays,
    subject: step.subjectTemplate,
    body: step.bodyTemplate,
    bodyFormat: step.bodyFormat,
    variants: variants.filter((variant) => variant.stepId === step.id).map((variant) => ({ subject: variant.subjectTemplate, body: variant.bodyTemplate })),
  }));
}

/** Custom field keys carried by the campaign's prospects (what `{{custom.*}}` may name). */
export async function campaignCustomFieldKeys(db: Db, campaignId: string): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`select distinct jsonb_object_keys(custom_fields) as key from prospects where campaign_id = ${campaignId} limit 200`,
  );
  return rows.map((row) => row.key);
}
