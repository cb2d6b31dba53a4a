import { agentsRouter } from './agents/agents.router.js';
import { apiTokensRouter } from './api-tokens/api-tokens.router.js';
import { authRouter } from './auth/auth.router.js';
import { campaignsRouter } from './campaigns/campaigns.router.js';
import { countersRouter } from './counters/counters.router.js';
import { credentialsRouter } from './credentials/credentials.router.js';
import { dashboardRouter } from './dashboard/dashboard.router.js';
import { demoRouter } from './demo/demo.router.js';
import { icpRouter } from './icp/icp.router.js';
import { mailboxesRouter } from './mailboxes/mailboxes.router.js';
import { prospectsRouter } from './prospects/prospects.router.js';
import { invitationsRouter } from './workspaces/invitations.router.js';
import { workspaceRouter } from './workspaces/workspace.router.js';
import { router } from './trpc/init.js';

/** One router per domain; each domain folder owns its router file. */
export const appRouter = router({
  auth: authRouter,
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
  counters: countersRouter,
  demo: demoRouter,
});

export type AppRouter = typeof appRouter;
