import { and, arrayOverlaps, count, eq, inArray } from 'drizzle-orm';
import type { UiLanguage } from '../../shared/enums.js';
import type { Db } from '../db/database.js';
import { campaigns, prospects, workspaces } from '../db/schema/index.js';
import { notFound } from '../errors.js';
import { recordEvent } from '../events/events.service.js';

/** The tag every sample prospect carries, in the workspace's language: how the UI labels them and how they are removed. */
export const SAMPLE_TAGS: Record<UiLanguage, string> = { en: 'sample', fr: 'exemple' };
export const SAMPLE_TAG = SAMPLE_TAGS.en;

type SamplePerson = [firstName: string, lastName: string, title: string, company: string, domain: string, industry: string, location: string, timezone: string];

/**
 * Fictional people at fictional companies. Every address is under the reserved `.example` top-level
 * domain (RFC 2606), so even a real mailbox could never deliver to anyone.
 */
const PEOPLE: SamplePerson[] = [
  ['Camille', 'Durand', 'Directrice commerciale', 'Atelier Moreau', 'atelier-moreau.example', 'Manufacturing', 'Lyon, France', 'Europe/Paris'],
  ['Julien', 'Lefèvre', 'Head of Growth', 'Brindille', 'brindille.example', 'Software', 'Paris, France', 'Europe/Paris'],
  ['Sophie', 'Martin', 'CEO', 'Panorama RH', 'panorama-rh.example', 'Human Resources', 'Nantes, France', 'Europe/Paris'],
  ['Thomas', 'Bernard', 'VP Sales', 'Quartz Analytics', 'quartz-analytics.example', 'Software', 'Bordeaux, France', 'Europe/Paris'],
  ['Léa', 'Petit', 'Responsable marketing', 'Maison Verdier', 'maison-verdier.example', 'Retail', 'Lille, France', 'Europe/Paris'],
  ['Nicolas', 'Roux', 'Directeur des opérations', 'Transalpes Logistique', 'transalpes.example', 'Logistics', 'Grenoble, France', 'Europe/Paris'],
  ['Inès', 'Fontaine', 'Fondatrice', 'Kiosque Studio', 'kiosque-studio.example', 'Marketing & Advertising', 'Marseille, France', 'Europe/Paris'],
  ['Alex', 'Morgan', 'Head of Sales', 'Northwind Logistics', 'northwind.example', 'Logistics', 'London, United Kingdom', 'Europe/London'],
  ['Priya', 'Shah', 'Revenue Operations Manager', 'Ledgerly', 'ledgerly.example', 'Financial Services', 'Manchester, United Kingdom', 'Europe/London'],
  ['Oliver', 'Hughes', 'Chief Commercial Officer', 'Brightwater Energy', 'brightwater.example', 'Energy', 'Bristol, United Kingdom', 'Europe/London'],
  ['Emily', 'Carter', 'Director of Business Development', 'Cobalt Health', 'cobalt-health.example', 'Healthcare', 'Boston, United States', 'America/New_York'],
  ['Marcus', 'Reed', 'Sales Director', 'Pinecrest Software', 'pinecrest.example', 'Software', 'Austin, United States', 'America/Chicago'],
  ['Hannah', 'Kim', 'VP Marketing', 'Lumen Labs', 'lumen-labs.example', 'Software', 'San Francisco, United States', 'America/Los_Angeles'],
  ['Daniel', 'Okafor', 'Founder & CEO', 'Tidewater Freight', 'tidewater.example', 'Logistics', 'Toronto, Canada', 'America/Toronto'],
  ['Lukas', 'Becker', 'Leiter Vertrieb', 'Nordlicht Systeme', 'nordlicht.example', 'Industrial Automation', 'Hamburg, Germany', 'Europe/Berlin'],
  ['Anna', 'Schmidt', 'Head of Partnerships', 'Fernweh Reisen', 'fernweh.example', 'Travel', 'Munich, Germany', 'Europe/Berlin'],
  ['Lucía', 'García', 'Directora comercial', 'Olivar Foods', 'olivar-foods.example', 'Food & Beverage', 'Madrid, Spain', 'Europe/Madrid'],
  ['Marco', 'Rossi', 'Sales Manager', 'Vetro Design', 'vetro-design.example', 'Design', 'Milan, Italy', 'Europe/Rome'],
  ['Sanne', 'de Vries', 'Commercial Director', 'Polder Robotics', 'polder-robotics.example', 'Robotics', 'Rotterdam, Netherlands', 'Europe/Amsterdam'],
  ['Élodie', 'Garnier', 'Directrice générale', 'Cap Horizon Conseil', 'cap-horizon.example', 'Consulting', 'Toulouse, France', 'Europe/Paris'],
  ['Karim', 'Benali', 'Head of Customer Success', 'Orbital CRM', 'orbital-crm.example', 'Software', 'Paris, France', 'Europe/Paris'],
  ['Chloé', 'Lambert', 'Business Developer', 'Vélo Cité', 'velo-cite.example', 'Mobility', 'Strasbourg, France', 'Europe/Paris'],
  ['Mathieu', 'Girard', 'CTO', 'Datacolis', 'datacolis.example', 'Logistics', 'Rennes, France', 'Europe/Paris'],
  ['Grace', 'Liu', 'Head of Procurement', 'Harbor & Finch', 'harborfinch.example', 'Retail', 'Dublin, Ireland', 'Europe/Dublin'],
  ['Noah', 'Dubois', 'Account Executive', 'Alpenglow SaaS', 'alpenglow.example', 'Software', 'Geneva, Switzerland', 'Europe/Zurich'],
];

function emailOf(first: string, last: string, domain: string): string {
  const local = `${first}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]+/g, '');
  return `${local}@${domain}`;
}

export const SAMPLE_PROSPECT_COUNT = PEOPLE.length;
export const SAMPLE_EMAILS = PEOPLE.map(([first, last, , , domain]) => emailOf(first, last, domain));

/** A sample prospect: tagged as such AND one of our addresses, so a user's own "sample" tag is safe. */
const isSample = and(arrayOverlaps(prospects.tags, Object.values(SAMPLE_TAGS)), inArray(prospects.email, SAMPLE_EMAILS));

/**
 * Puts the sample prospects in `campaignId`. Idempotent: a second call adds nobody; sample
 * prospects already loaded elsewhere move to this campaign. Real prospects are never touched, even
 * one that happens to share an address with a sample.
 */
export async function loadSampleData(
  db: Db,
  input: { workspaceId: string; campaignId: string; userId: string },
): Promise<{ inserted: number; total: number }> {
  const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId));
  if (!campaign) throw notFound('Campaign');
  const [workspace] = await db.select({ language: workspaces.language }).from(workspaces).where(eq(workspaces.id, input.workspaceId));
  const tag = SAMPLE_TAGS[workspace?.language ?? 'en'];
  const inserted = await db
    .insert(prospects)
    .values(
      PEOPLE.map(([firstName, lastName, title, company, domain, industry, location, timezone]) => ({
        workspaceId: input.workspaceId,
        firstName,
        lastName,
        fullName: `${firstName} ${lastName}`,
        email: emailOf(firstName, lastName, domain),
        title,
        company,
        companyDomain: domain,
        industry,
        location,
        timezone,
        source: 'manual' as const,
        tags: [tag],
        campaignId: input.campaignId,
        createdBy: input.userId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: prospects.id });
  await db.update(prospects).set({ campaignId: input.campaignId }).where(isSample);
  if (inserted.length) {
    await recordEvent(db, {
      workspaceId: input.workspaceId,
      type: 'prospects.imported',
      actorUserId: input.userId,
      campaignId: input.campaignId,
      data: { source: 'sample', imported: inserted.length },
    });
  }
  return { inserted: inserted.length, total: await countSampleProspects(db) };
}

/** Sample prospects in the workspace, or in one campaign. */
export async function countSampleProspects(db: Db, campaignId?: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(prospects)
    .where(campaignId ? and(isSample, eq(prospects.campaignId, campaignId)) : isSample);
  return Number(row?.n ?? 0);
}

/** Deletes every prospect tagged as sample data (with their enrollments, messages… by cascade). */
export async function removeSampleData(db: Db, input: { workspaceId: string; userId: string }): Promise<{ removed: number }> {
  const removed = await db.delete(prospects).where(isSample).returning({ id: prospects.id });
  if (removed.length) {
    await recordEvent(db, {
      workspaceId: input.workspaceId,
      type: 'prospects.bulk_updated',
      actorUserId: input.userId,
      data: { action: 'sample_removed', removed: removed.length },
    });
  }
  return { removed: removed.length };
}
