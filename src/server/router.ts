import { agentsRouter } from './agents/agents.router.js';
import { apiTokensRouter } from './api-tokens/api-tokens.router.js';
import { authRouter } from './auth/auth.router.js';
import { passwordResetRouter } from './auth/password-reset.router.js';
import { campaignsRouter } from './campaigns/campaigns.router.js';
import { countersRouter } from './counters/counters.router.js';
import { credentialsRouter } from './credentials/credentials.router.js';
import { dashboardRouter } from './dashboard/dashboard.router.js';
import { enrichmentRouter } from './enrichment/enrichment.router.js';
import { demoRouter } from './demo/demo.router.js';
import { icpRouter } from './icp/icp.router.js';
import { inboxRouter } from './inbox/inbox.router.js';
import { mailboxesRouter } from './mailboxes/mailboxes.router.js';
import { prospectsRouter } from './prospects/prospects.router.js';
import { capacityRouter } from './sending/capacity.router.js';
import { repliesRouter } from './replies/replies.router.js';
import { remindersRouter } from './agent/reminders.router.js';
import { reviewRouter } from './agent/review.router.js';
import { instantlyRouter } from './sending/instantly.router.js';
import { scrapingRouter } from './scraping/scraping.router.js';
import { reportsRouter } from './reports/reports.router.js';
import { launchRouter } from './sending/launch.router.js';
import { messagesRouter } from './sending/messages.router.js';
import { suppressionsRouter } from './sending/suppressions.router.js';
import { sequencesRouter } from './sending/sequences.router.js';
import { webhooksRouter } from './webhooks/webhooks.router.js';
import { invitationsRouter } from './workspaces/invitations.router.js';
import { workspaceRouter } from './workspaces/workspace.router.js';
import { router } from './trpc/init.js';

/** One router per domain; each domain folder owns its router file. */
export const appRouter = router({
  auth: authRouter,
  passwordReset: passwordResetRouter,
  invitations: invitationsRouter,
  workspace: workspaceRouter,
  campaigns: campaignsRouter,
  prospects: prospectsRouter,
  dashboard: dashboardRouter,
  credentials: credentialsRouter,
  icp: icpRouter,
  mailboxes: mailboxesRouter,
  agents: agentsRouter,
  apiTokens: apiTokensRouter,
  enrichment: enrichmentRouter,
  scraping: scrapingRouter,
  sequences: sequencesRouter,
  launch: launchRouter,
  messages: messagesRouter,
  capacity: capacityRouter,
  suppressions: suppressionsRouter,
  counters: countersRouter,
  reports: reportsRouter,
  demo: demoRouter,
  replies: repliesRouter,
  review: reviewRouter,
  reminders: remindersRouter,
  inbox: inboxRouter,
  webhooks: webhooksRouter,
  instantly: instantlyRouter,
});

export type AppRouter = typeof appRouter;
