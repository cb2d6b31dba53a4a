import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { refused } from '../../shared/issue-rules.js';
import { COMPANY_SIZE_BUCKETS, ICP_ITEM_MAX_LENGTH, ICP_LIST_MAX_ITEMS, SENIORITY_LEVELS, normalizeDomain } from '../../shared/icp-rules.js';
import type { Db } from '../db/database.js';
import { icpProfiles } from '../db/schema/index.js';
import { dedupeIgnoringCase, textListSchema } from './text-list.js';

const list = (what: string) => textListSchema({ maxItems: ICP_LIST_MAX_ITEMS, maxLength: ICP_ITEM_MAX_LENGTH, what });

const bucketList = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(z.enum(values, `Each ${what} must be one of ${values.join(', ')}`))
    .max(values.length * 2, `At most ${values.length} ${what}s`)
    .transform((items) => values.filter((value) => items.includes(value)));

/** Domains as pasted (URLs, emails, capitals) reduced to host names; an invalid one is refused by index. */
const domainList = z
  .array(z.string().max(300, 'Each domain must be at most 300 characters'))
  .max(ICP_LIST_MAX_ITEMS * 5, `At most ${ICP_LIST_MAX_ITEMS} domains`)
  .transform((items, ctx) => {
    const out: string[] = [];
    items.forEach((item, index) => {
      if (!item.trim()) return;
      const domain = normalizeDomain(item);
      const value = item.trim().slice(0, 100);
      if (!domain) ctx.addIssue({ code: 'custom', path: [index], ...refused({ rule: 'domain.invalid_item', value }, `“${value}” is not a valid domain (e.g. acme.com)`) });
      else out.push(domain);
    });
    return dedupeIgnoringCase(out);
  })
  .pipe(z.array(z.string()).max(ICP_LIST_MAX_ITEMS, `At most ${ICP_LIST_MAX_ITEMS} domains`));

/** Every field is optional: a field left out keeps its value, `[]` clears it. */
export const icpInput = z.object({
  industries: list('industry').optional(),
  jobTitles: list('job title').optional(),
  seniorities: bucketList(SENIORITY_LEVELS, 'seniority').optional(),
  companySizes: bucketList(COMPANY_SIZE_BUCKETS, 'company size').optional(),
  locations: list('location').optional(),
  technologies: list('technology').optional(),
  keywords: list('keyword').optional(),
  excludedDomains: domainList.optional(),
  excludedCompanies: list('excluded company').optional(),
});
export type IcpInput = z.infer<typeof icpInput>;

export const icpOutput = z.object({
  industries: z.array(z.string()),
  jobTitles: z.array(z.string()),
  seniorities: z.array(z.string()),
  companySizes: z.array(z.string()),
  locations: z.array(z.string()),
  technologies: z.array(z.string()),
  keywords: z.array(z.string()),
  excludedDomains: z.array(z.string()),
  excludedCompanies: z.array(z.string()),
  updatedAt: z.date().nullable(),
});
export type Icp = z.infer<typeof icpOutput>;

const EMPTY: Icp = {
  industries: [],
  jobTitles: [],
  seniorities: [],
  companySizes: [],
  locations: [],
  technologies: [],
  keywords: [],
  excludedDomains: [],
  excludedCompanies: [],
  updatedAt: null,
};

/** The workspace's ideal customer profile (empty lists when never set). Read by scraping and enrichment too. */
export async function getIcp(db: Db): Promise<Icp> {
  const [row] = await db.select().from(icpProfiles).limit(1);
  if (!row) return EMPTY;
  return {
    industries: row.industries,
    jobTitles: row.jobTitles,
    seniorities: row.seniorities,
    companySizes: row.companySizes,
    locations: row.locations,
    technologies: row.technologies,
    keywords: row.keywords,
    excludedDomains: row.excludedDomains,
    excludedCompanies: row.excludedCompanies,
    updatedAt: row.updatedAt,
  };
}

/** Saves the given fields (upsert: a workspace provisioned before ICPs existed has no row yet). */
export async function saveIcp(db: Db, workspaceId: string, input: IcpInput): Promise<Icp> {
  const fields = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as IcpInput;
  const [existing] = await db.select({ id: icpProfiles.id }).from(icpProfiles).limit(1);
  if (existing) {
    // Always touch the row so `updatedAt` says when it was last saved.
    await db.update(icpProfiles).set({ ...fields, updatedAt: new Date() }).where(eq(icpProfiles.id, existing.id));
  } else {
    await db.insert(icpProfiles).values({ ...fields, workspaceId });
  }
  return getIcp(db);
}
