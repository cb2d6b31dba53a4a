import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { PROSPECT_STAGES } from '../../shared/enums.js';
import { accessRevocation } from '../auth/request-auth.js';
import { setProspectStage } from '../prospects/stage.service.js';
import { authedProcedure, router } from '../trpc/init.js';
import { activityOutput, dailyPointOutput, healthOutput, kanbanOutput, metricsOutput, statsOutput } from './dashboard.schemas.js';
import { getActivity } from './activity.service.js';
import type { Db } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import { dailySeries, getDashboardStats, getHealth, getMetrics, operationalCounts, type OperationalLoader } from './dashboard.service.js';
import { cachedHealthInputs } from './health-inputs-cache.js';
import { getKanban } from './pipeline.service.js';
import { liveEvents } from './live.js';

const tags = ['dashboard'];

type ScopedContext = { services: { eventBus: EventBus }; actor: { workspaceId: string }; inWorkspace: <T>(fn: (db: Db) => Promise<T>) => Promise<T> };
const healthInputs =
  (ctx: ScopedContext): OperationalLoader =>
  () =>
    cachedHealthInputs(ctx.services.eventBus, ctx.actor.workspaceId, () => ctx.inWorkspace((db) => operationalCounts(db, ctx.actor.workspaceId)));

export const dashboardRouter = router({
  stats: authedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/admin/dashboard/stats',
        tags,
        summary: 'Dashboard numbers: metric tiles, health score (with its components) and the 30-day daily series',
      },
    })
    .input(z.object({}))
    .output(statsOutput)
    .query(({ ctx }) => getDashboardStats(ctx.inWorkspace, ctx.actor.workspaceId, healthInputs(ctx))),

  metrics: authedProcedure.output(metricsOutput).query(({ ctx }) => getMetrics(ctx.inWorkspace, ctx.actor.workspaceId)),

  health: authedProcedure.output(healthOutput).query(({ ctx }) => getHealth(ctx.inWorkspace, ctx.actor.workspaceId, healthInputs(ctx))),

  chart: authedProcedure.output(z.array(dailyPointOutput)).query(({ ctx }) => ctx.inWorkspace((db) => dailySeries(db, ctx.actor.workspaceId))),

  kanban: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/dashboard/pipeline', tags, summary: 'Prospects per stage with the most recently moved ones' } })
    .input(z.object({ perColumn: z.coerce.number().int().min(1).max(50).default(8) }))
    .output(kanbanOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getKanban(db, ctx.actor.workspaceId, input.perColumn))),

  activity: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/dashboard/activity', tags, summary: 'Latest AI decisions, messages, meetings and pipeline moves, newest first' } })
    .input(z.object({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(100).default(25) }))
    .output(activityOutput)
    .query(({ ctx, input }) => ctx.inWorkspace((db) => getActivity(db, ctx.actor.workspaceId, input))),

  /** The Kanban's drag (and its keyboard "Move to…"): one prospect to another stage. */
  moveProspect: authedProcedure
    .input(z.object({ prospectId: z.uuid('Not a valid id'), stage: z.enum(PROSPECT_STAGES) }))
    .output(z.object({ id: z.string(), stage: z.enum(PROSPECT_STAGES), previousStage: z.enum(PROSPECT_STAGES) }))
    .mutation(({ ctx, input }) =>
      ctx.inWorkspace((db) =>
        setProspectStage(db, {
          workspaceId: ctx.actor.workspaceId,
          prospectId: input.prospectId,
          stage: input.stage,
          actorUserId: ctx.actor.userId,
          reason: 'pipeline board',
        }),
      ),
    ),

  /**
   * The workspace's events, live (SSE). Each event is tracked by its id: a reconnecting client
   * sends `lastEventId` and receives what it missed first.
   */
  live: authedProcedure
    .input(z.object({ lastEventId: z.string().regex(/^\d{1,18}$/).nullish() }).optional())
    .subscription(({ ctx, input, signal }) =>
      liveEvents({
        database: ctx.services.database,
        eventBus: ctx.services.eventBus,
        workspaceId: ctx.actor.workspaceId,
        lastEventId: input?.lastEventId ? Number(input.lastEventId) : null,
        signal,
        logger: ctx.log,
        revokedAccess: async () => {
          const refusal = await accessRevocation(ctx.services.database, ctx.req, ctx.services.config.sessionInactivityMs, ctx.actor);
          // Thrown inside the stream, after the middleware that maps AppError: mapped here.
          return refusal && new TRPCError({ code: refusal.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'UNAUTHORIZED', message: refusal.message, cause: refusal });
        },
      }),
    ),
});
