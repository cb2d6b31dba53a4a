import { asc, eq } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/database.js';
import { campaignMailboxes, campaigns, enrichments, mailboxes, prospects, workspaces } from '../db/schema/index.js';
import { AppError, notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { composeMessage } from './compose.js';
import { replySubject } from './rules/message-headers.js';
import { renderStep, type StepContent } from './rules/render-message.js';
import { buildVariableLookup, type TemplateContextInput } from './rules/template-variables.js';
import { buildFooter, type FooterLanguage } from './rules/unsubscribe-footer.js';
import { newUnsubscribeToken } from './send-context.queries.js';
import { loadSequence, type StoredStep } from './sequences.queries.js';
import type { PreviewInput, PreviewView, TestSendInput, TestSendView } from './preview.schemas.js';
import { openMailboxTransport } from './transport.js';

/**
 * The editor's live preview and "send me a test". Both render with the send path's own functions
 * and seed, so what the user reads is what the prospect would receive. A test goes to the signed-in
 * user through the campaign's first mailbox; it is not a campaign message (no row in `messages`,
 * no cap counted, no enrolment touched).
 */

type Loaded = {
  steps: StoredStep[];
  content: StepContent;
  subjectTemplate: string;
  previousSubject: string | null;
  context: TemplateContextInput;
  prospect: typeof prospects.$inferSelect;
  mailbox: typeof mailboxes.$inferSelect | null;
  workspace: typeof workspaces.$inferSelect;
  language: FooterLanguage;
};

/** The campaign's first mailbox (in the order they were attached), preferring one not in error. */
async function firstMailbox(db: Db, campaignId: string) {
  const rows = await db
    .select({ mailbox: mailboxes })
    .from(campaignMailboxes)
    .innerJoin(mailboxes, eq(mailboxes.id, campaignMailboxes.mailboxId))
    .where(eq(campaignMailboxes.campaignId, campaignId))
    .orderBy(asc(campaignMailboxes.createdAt), asc(campaignMailboxes.mailboxId));
  return (rows.find((row) => row.mailbox.status !== 'error') ?? rows[0])?.mailbox ?? null;
}

function versionOf(step: StoredStep, variant: number): { subject: string; body: string } | null {
  if (variant === 0) return { subject: step.subject, body: step.body };
  return step.variants[variant - 1] ?? null;
}

async function load(db: Db, input: PreviewInput): Promise<Loaded> {
  const [campaign] = await db.select({ id: campaigns.id, workspaceId: campaigns.workspaceId }).from(campaigns).where(eq(campaigns.id, input.id));
  if (!campaign) throw notFound('Campaign');
  const [prospect] = await db.select().from(prospects).where(eq(prospects.id, input.prospectId));
  if (!prospect) throw notFound('Prospect');
  const steps = await loadSequence(db, input.id);
  const step = steps[input.step];
  // A draft may preview a step that autosave has not stored yet, but not one past the end.
  if (!step && !(input.draft && input.step <= steps.length)) {
    throw new AppError('NOT_FOUND', `This sequence has no step ${input.step + 1}`, { reason: 'sequence.step_not_found', params: { step: input.step + 1 } });
  }
  const version = input.draft ?? (step ? versionOf(step, input.variant) : null);
  if (!version) {
    throw new AppError('NOT_FOUND', `Step ${input.step + 1} has no version ${String.fromCharCode(65 + input.variant)}`, {
      reason: 'sequence.variant_not_found',
      params: { step: input.step + 1, variant: String.fromCharCode(65 + input.variant) },
    });
  }
  const bodyFormat = input.draft?.bodyFormat ?? step?.bodyFormat ?? 'text';
  const [enrichment] = await db.select().from(enrichments).where(eq(enrichments.prospectId, prospect.id));
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, campaign.workspaceId));
  if (!workspace) throw notFound('Workspace');
  const mailbox = await firstMailbox(db, input.id);
  const context: TemplateContextInput = {
    prospect,
    enrichment: enrichment ?? null,
    sender: mailbox ? { fromName: mailbox.fromName, fromEmail: mailbox.fromEmail, signature: mailbox.signature, companyName: workspace.companyName } : { fromName: '', fromEmail: '', companyName: workspace.companyName },
  };
  // A blank follow-up subject continues the thread: `Re:` the nearest earlier step that has one.
  let previousSubject: string | null = null;
  for (let position = input.step - 1; position >= 0 && previousSubject === null; position--) {
    const earlier = steps[position];
    const earlierVersion = earlier ? (versionOf(earlier, input.variant) ?? versionOf(earlier, 0)) : null;
    if (earlier && earlierVersion && earlierVersion.subject.trim() !== '') {
      previousSubject = renderStep({ subject: earlierVersion.subject, body: '', bodyFormat: earlier.bodyFormat }, buildVariableLookup(context), {
        prospectId: prospect.id,
        stepPosition: position,
        variantIndex: input.variant,
      }).subject;
    }
  }
  const language = enrichment?.language === 'en' || enrichment?.language === 'fr' ? enrichment.language : 'both';
  return { steps, content: { subject: version.subject, body: version.body, bodyFormat }, subjectTemplate: version.subject, previousSubject, context, prospect, mailbox, workspace, language };
}

function prospectName(prospect: typeof prospects.$inferSelect): string {
  return prospect.fullName ?? ([prospect.firstName, prospect.lastName].filter(Boolean).join(' ') || (prospect.email ?? ''));
}

export async function previewMessage(db: Db, input: PreviewInput, appUrl: string): Promise<PreviewView> {
  const loaded = await load(db, input);
  const rendered = renderStep(loaded.content, buildVariableLookup(loaded.context), { prospectId: loaded.prospect.id, stepPosition: input.step, variantIndex: input.variant });
  const threaded = loaded.subjectTemplate.trim() === '' && loaded.previousSubject !== null;
  const subject = threaded ? replySubject(loaded.previousSubject ?? '') : rendered.subject;
  const postalAddress = loaded.workspace.postalAddress ?? '';
  const footer = postalAddress.trim()
    ? buildFooter({ language: loaded.language, unsubscribeUrl: `${appUrl}/u/…`, postalAddress, companyName: loaded.workspace.companyName }).text
    : '';
  const hold = rendered.hold?.code ?? (subject.trim() === '' ? 'empty_subject' : null);
  return {
    prospect: { id: loaded.prospect.id, name: prospectName(loaded.prospect), email: loaded.prospect.email },
    step: input.step,
    variant: input.variant,
    from: loaded.mailbox ? { name: loaded.mailbox.fromName, address: loaded.mailbox.fromEmail } : null,
    subject,
    threaded,
    text: rendered.bodyFormat === 'html' ? rendered.body.replace(/<[^>]+>/g, '') : rendered.body,
    html: rendered.bodyFormat === 'html' ? rendered.body : null,
    footer,
    unresolved: rendered.unresolved,
    usedFallbacks: rendered.usedFallbacks,
    hold,
  };
}

export type TestSendDeps = { inWorkspace<T>(fn: (db: Db) => Promise<T>): Promise<T>; config: Config; secretBox: SecretBox; logger: Logger; appUrl: string };

/**
 * Renders the chosen step for the chosen prospect and mails it to `to` (the signed-in user). The
 * rendering reads in a transaction; the SMTP exchange happens after it, with none open.
 */
export async function sendTestMessage(input: TestSendInput, to: { name: string; address: string }, deps: TestSendDeps): Promise<TestSendView> {
  const { mailbox, mail } = await deps.inWorkspace((db) => composeTest(db, input, to, deps.appUrl));
  const transport = await openMailboxTransport(mailbox, deps.config, deps.secretBox);
  try {
    const outcome = await transport.send(mail, null);
    if (outcome.kind !== 'accepted') {
      deps.logger.warn({ mailboxId: mailbox.id, outcome: outcome.kind }, 'test email not accepted');
      throw new AppError('UNPROCESSABLE_CONTENT', `The mailbox did not accept the test email: ${outcome.error}`, { reason: 'sequence.test_failed', params: { error: outcome.error } });
    }
  } finally {
    transport.close();
  }
  deps.logger.info({ mailboxId: mailbox.id, campaignId: input.id }, 'test email sent');
  return { to: to.address, from: mailbox.fromEmail, subject: mail.subject, sandbox: mailbox.kind === 'sandbox' };
}

async function composeTest(db: Db, input: TestSendInput, to: { name: string; address: string }, appUrl: string) {
  const loaded = await load(db, input);
  const { mailbox } = loaded;
  if (!mailbox) throw new AppError('CONFLICT', 'This campaign has no mailbox to send the test from', { reason: 'sequence.test_no_mailbox' });
  if (!(loaded.workspace.postalAddress ?? '').trim()) {
    throw new AppError('CONFLICT', 'Enter the workspace’s postal address first: every email’s footer carries it', { reason: 'sequence.test_no_postal_address' });
  }
  const composed = composeMessage({
    content: { ...loaded.content, subject: loaded.subjectTemplate.trim() === '' && loaded.previousSubject ? replySubject(loaded.previousSubject) : loaded.content.subject },
    subjectTemplate: 'test',
    context: loaded.context,
    seed: { prospectId: loaded.prospect.id, stepPosition: input.step, variantIndex: input.variant },
    previous: null,
    from: { name: mailbox.fromName, address: mailbox.fromEmail },
    to,
    appUrl,
    // A token no message holds: the test's unsubscribe link leads nowhere (it must not suppress anyone).
    unsubscribeToken: newUnsubscribeToken(),
    postalAddress: loaded.workspace.postalAddress ?? '',
    companyName: loaded.workspace.companyName,
    language: loaded.language,
  });
  if (!composed.ok) {
    const { hold } = composed;
    const problem =
      hold.code === 'unresolved_variables'
        ? hold.variables.map((name) => `{{${name}}}`).join(', ')
        : hold.code === 'message_build'
          ? `${hold.field}: ${hold.problem}`
          : hold.code;
    throw new AppError('UNPROCESSABLE_CONTENT', `This email would be held for this prospect (${problem}), so no test was sent`, { reason: 'sequence.test_held', params: { problem } });
  }
  return { mailbox, mail: { ...composed.mail, subject: `[Test] ${composed.mail.subject}` } };
}
