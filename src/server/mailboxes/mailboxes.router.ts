import { z } from 'zod';
import type { Actor } from '../actor.js';
import type { AppServices } from '../services.js';
import { adminProcedure, authedProcedure, router } from '../trpc/init.js';
import { bounceStats } from './bounce-stats.js';
import { applyDkimSelector, generateDkimKey, runDomainCheck, runImapCheck, runSaveChecks, runSmtpTest } from './connection-checks.js';
import { listDomains } from './domains.service.js';
import {
  bounceStatsOutput,
  createMailboxInput,
  domainOutput,
  imapCheckOutput,
  mailboxOutput,
  selectorSchema,
  smtpTestOutput,
  testMailboxInput,
  updateMailboxInput,
} from './mailbox.schemas.js';
import { createMailbox, deleteMailbox, listMailboxes, toMailboxView, updateMailbox } from './mailboxes.service.js';

/**
 * Sending mailboxes and their domains. Members may look (no secret ever leaves the server);
 * only admins change settings or run the tests that connect to the servers.
 */
const tags = ['mailboxes'];
const idInput = z.object({ id: z.uuid('Unknown mailbox') });
const domainIdInput = z.object({ domainId: z.uuid('Unknown domain') });
const writeContext = (ctx: { services: AppServices; actor: Actor }) => ({
  secretBox: ctx.services.secretBox,
  workspaceId: ctx.actor.workspaceId,
  allowPrivateHosts: ctx.services.config.allowPrivateNetworkUrls,
});
/** After a mailbox's IMAP settings may have changed: its IDLE watcher follows now, not on the next refresh. */
const rewatch = (ctx: { services: AppServices }) => void ctx.services.imapWatchers.refresh();

export const mailboxesRouter = router({
  list: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/mailboxes', tags, summary: 'List sending mailboxes (passwords are never returned)' } })
    .input(z.object({}).optional())
    .output(z.array(mailboxOutput))
    .query(async ({ ctx }) => (await ctx.inWorkspace(listMailboxes)).map((row) => toMailboxView(row, ctx.services))),

  create: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/admin/mailboxes',
        tags,
        summary: 'Add a sending mailbox (SMTP, optional IMAP, limits, warm-up, window)',
        description: 'Saving logs in to the SMTP server (and opens INBOX over IMAP when set); the outcome is in `lastTest` / `lastImapCheck`, and the mailbox stays `status: "error"` (never used for sending) until a check passes.',
      },
      rest: { successStatus: 201 },
    })
    .input(createMailboxInput)
    .output(mailboxOutput)
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.inWorkspace((db) => createMailbox(db, writeContext(ctx), input));
      ctx.log.info({ mailboxId: row.id }, 'mailbox added');
      rewatch(ctx);
      // After the transaction: a check never holds one open while it waits on a remote server.
      return runSaveChecks(ctx.inWorkspace, ctx.services, row.id);
    }),

  update: adminProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/admin/mailboxes/{id}',
        tags,
        summary: 'Change a mailbox; an omitted password keeps the stored one',
        description: 'New SMTP or IMAP settings are checked at once, as on creation; the mailbox is `status: "error"` until the check passes.',
      },
    })
    .input(updateMailboxInput)
    .output(mailboxOutput)
    .mutation(async ({ ctx, input }) => {
      const row = await ctx.inWorkspace((db) => updateMailbox(db, writeContext(ctx), input));
      if (input.imap !== undefined) rewatch(ctx);
      // A changed server or password cleared its last result: check it again now.
      const unproven = row.kind !== 'sandbox' && (row.lastTestOk === null || (row.imapHost !== null && row.lastImapCheckOk === null));
      const serversGiven = input.smtp !== undefined || input.imap !== undefined;
      return serversGiven && unproven ? runSaveChecks(ctx.inWorkspace, ctx.services, row.id) : toMailboxView(row, ctx.services);
    }),

  delete: adminProcedure
    .meta({
      openapi: { method: 'DELETE', path: '/admin/mailboxes/{id}', tags, summary: 'Delete a mailbox (409 while an unfinished campaign uses it; the sandbox cannot be deleted)' },
      rest: { successStatus: 204 },
    })
    .input(idInput)
    .output(z.void())
    .mutation(async ({ ctx, input }) => {
      await ctx.inWorkspace((db) => deleteMailbox(db, input.id));
      ctx.log.info({ mailboxId: input.id }, 'mailbox deleted');
      rewatch(ctx);
    }),

  test: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/mailboxes/{id}/test', tags, summary: 'Send a test email through the mailbox SMTP server (default recipient: you)' } })
    .input(testMailboxInput)
    .output(smtpTestOutput)
    .mutation(({ ctx, input }) => runSmtpTest(ctx.inWorkspace, ctx.services, { id: input.id, to: input.to ?? ctx.auth.user.email })),

  checkImap: adminProcedure
    .input(idInput)
    .output(imapCheckOutput)
    .mutation(({ ctx, input }) => runImapCheck(ctx.inWorkspace, ctx.services, input.id)),

  bounceStats: authedProcedure.output(bounceStatsOutput).query(({ ctx }) => ctx.inWorkspace((db) => bounceStats(db, ctx.actor.workspaceId))),

  domains: authedProcedure.output(z.array(domainOutput)).query(({ ctx }) => ctx.inWorkspace(listDomains)),

  checkDomain: adminProcedure
    .input(domainIdInput)
    .output(domainOutput)
    .mutation(({ ctx, input }) => runDomainCheck(ctx.inWorkspace, ctx.services, input.domainId)),

  generateDkimKey: adminProcedure
    .input(domainIdInput.extend({ selector: selectorSchema.optional() }))
    .output(domainOutput)
    .mutation(({ ctx, input }) => generateDkimKey(ctx.inWorkspace, ctx.services, input)),

  setDkimSelector: adminProcedure
    .input(domainIdInput.extend({ selector: selectorSchema.nullable() }))
    .output(domainOutput)
    .mutation(({ ctx, input }) => applyDkimSelector(ctx.inWorkspace, ctx.services, input)),
});
