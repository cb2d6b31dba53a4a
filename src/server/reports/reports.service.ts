import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { neutraliseFormula } from '../prospects/csv-export.js';
import { aggregate, campaignInfo, campaignNames, mailboxEmails, prospectCount, resolveRange, stepSubjects } from './reports.queries.js';
import type { Counts, Report, ReportInput, ReportRow } from './reports.schemas.js';

/** The Reports page: funnel, per step and A/B variant, deliverability, by day and by mailbox. */

export const DEFAULT_RANGE_DAYS = 30;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function withRates<T extends Counts>(row: T): T & ReportRow {
  return {
    ...row,
    deliverability: ratio(row.sent, row.attempted),
    bounceRate: ratio(row.bounced, row.attempted),
    replyRate: ratio(row.replied, row.sent),
    positiveRate: ratio(row.positive, row.sent),
    unsubscribeRate: ratio(row.unsubscribed, row.sent),
    openRate: ratio(row.opened, row.sent),
    clickRate: ratio(row.clicked, row.sent),
  };
}

/** Per step: the variant with the best reply rate leads (then positive rate), once 2+ variants were sent. */
export function markLeading<T extends { stepPosition: number; sent: number; replyRate: number | null; positiveRate: number | null }>(rows: T[]): (T & { leading: boolean })[] {
  const best = new Map<number, T>();
  const sentVariants = new Map<number, number>();
  for (const row of rows) {
    if (row.sent === 0) continue;
    sentVariants.set(row.stepPosition, (sentVariants.get(row.stepPosition) ?? 0) + 1);
    const current = best.get(row.stepPosition);
    const score = (r: T) => [r.replyRate ?? 0, r.positiveRate ?? 0] as const;
    if (!current) best.set(row.stepPosition, row);
    else {
      const [a1, a2] = score(row);
      const [b1, b2] = score(current);
      if (a1 > b1 || (a1 === b1 && a2 > b2)) best.set(row.stepPosition, row);
    }
  }
  return rows.map((row) => ({ ...row, leading: (sentVariants.get(row.stepPosition) ?? 0) >= 2 && best.get(row.stepPosition) === row && (row.replyRate ?? 0) + (row.positiveRate ?? 0) > 0 }));
}

export async function getReport(db: Db, workspaceId: string, input: ReportInput): Promise<Report> {
  const campaign = input.campaignId ? await campaignInfo(db, input.campaignId) : null;
  if (input.campaignId && !campaign) throw notFound('Campaign');
  const range = await resolveRange(db, workspaceId, input, DEFAULT_RANGE_DAYS);
  const { totals: sum, days, steps, mailboxes, campaigns } = await aggregate(db, workspaceId, input.campaignId, range);
  const prospects = await prospectCount(db, workspaceId, input.campaignId);
  const subjects = input.campaignId ? await stepSubjects(db, input.campaignId) : new Map<string, string>();
  const emails = await mailboxEmails(db, mailboxes.map((row) => row.mailboxId));
  const names = input.campaignId ? new Map<string, string>() : await campaignNames(db, campaigns.map((row) => row.campaignId));
  const { contacted, ...counts } = sum;
  return {
    range: { from: range.from, to: range.to, timezone: range.timezone },
    campaign,
    funnel: { prospects, contacted, replied: counts.replied, positive: counts.positive, meetings: counts.meetings },
    totals: withRates(counts),
    steps: input.campaignId ? markLeading(steps.map((row) => withRates({ ...row, subject: subjects.get(`${row.stepPosition}:${row.variantIndex}`) ?? null }))) : [],
    daily: days.map(withRates),
    mailboxes: mailboxes.map((row) => withRates({ ...row, email: emails.get(row.mailboxId) ?? null })),
    campaigns: input.campaignId ? [] : campaigns.map((row) => withRates({ ...row, name: names.get(row.campaignId) ?? null })),
  };
}

export const REPORT_TABLES = ['steps', 'daily', 'mailboxes', 'campaigns'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

const METRIC_COLUMNS = ['attempted', 'sent', 'bounced', 'replied', 'positive', 'unsubscribed', 'opened', 'clicked', 'meetings',
  'deliverability', 'bounce_rate', 'reply_rate', 'positive_rate', 'unsubscribe_rate', 'open_rate', 'click_rate'] as const;

const metricCells = (row: ReportRow) => [row.attempted, row.sent, row.bounced, row.replied, row.positive, row.unsubscribed, row.opened, row.clicked, row.meetings,
  row.deliverability, row.bounceRate, row.replyRate, row.positiveRate, row.unsubscribeRate, row.openRate, row.clickRate]
  .map((value) => (value === null ? '' : typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : String(value)));

const text = (value: string | null) => neutraliseFormula(value ?? '');

/** One table of the report as CSV (rates as fractions with 4 decimals; blank when not measurable). */
export function reportCsv(report: Report, table: ReportTable): string {
  const variantLetter = (index: number) => String.fromCharCode(65 + index);
  switch (table) {
    case 'steps':
      return stringify([['step', 'variant', 'subject', 'leading', ...METRIC_COLUMNS], ...report.steps.map((r) => [String(r.stepPosition + 1), variantLetter(r.variantIndex), text(r.subject), r.leading ? 'yes' : '', ...metricCells(r)])]);
    case 'daily':
      return stringify([['day', ...METRIC_COLUMNS], ...report.daily.map((r) => [r.day, ...metricCells(r)])]);
    case 'mailboxes':
      return stringify([['mailbox_id', 'mailbox', ...METRIC_COLUMNS], ...report.mailboxes.map((r) => [r.mailboxId, text(r.email), ...metricCells(r)])]);
    case 'campaigns':
      return stringify([['campaign_id', 'campaign', ...METRIC_COLUMNS], ...report.campaigns.map((r) => [r.campaignId, text(r.name), ...metricCells(r)])]);
  }
}
