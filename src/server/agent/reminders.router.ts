import { z } from 'zod';
import { REMINDER_STATUSES } from '../../shared/enums.js';
import { authedProcedure, router } from '../trpc/init.js';
import { cancelReminder, listProspectReminders, listUpcomingReminders, rescheduleReminder } from './reminder-edit.service.js';

const tags = ['ai-reminders'];

const reminderOutput = z.object({
  id: z.uuid(),
  prospectId: z.uuid(),
  remindAt: z.date().nullable(),
  /** The reminder's day, `YYYY-MM-DD` (UTC). */
  date: z.string().nullable(),
  status: z.enum(REMINDER_STATUSES),
  /** Why it was cancelled: `user`, `replied`, `meeting_booked`, `unsubscribed`, `suppressed`, `bounced`, `erased`. */
  cancelReason: z.string().nullable(),
  reasons: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.string()) })),
  createdAt: z.date(),
  /** Once due: the follow-up decision waiting in the review queue. */
  followUpDecisionId: z.uuid().nullable(),
});

const idInput = z.object({ id: z.uuid('Not a valid id') });
const dayInput = idInput.extend({ date: z.iso.date('Use a day as YYYY-MM-DD') });

export const remindersRouter = router({
  forProspect: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/prospects/{id}/reminders', tags, summary: 'A prospect’s “not now” reminders (waiting, due or cancelled), newest first' } })
    .input(idInput)
    .output(z.object({ items: z.array(reminderOutput) }))
    .query(async ({ ctx, input }) => ({ items: await ctx.inWorkspace((db) => listProspectReminders(db, input.id)) })),

  upcoming: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/admin/ai-reminders', tags, summary: 'Reminders still waiting for their day, soonest first' } })
    .input(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }))
    .output(z.object({ items: z.array(reminderOutput.extend({ prospectName: z.string().nullable(), prospectEmail: z.string().nullable() })) }))
    .query(async ({ ctx, input }) => ({ items: await ctx.inWorkspace((db) => listUpcomingReminders(db, input.limit)) })),

  reschedule: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/ai-reminders/{id}/reschedule', tags, summary: 'Move a reminder to another day (`{date: YYYY-MM-DD}`, today or later); 409 once it is due' } })
    .input(dayInput)
    .output(reminderOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => rescheduleReminder(db, ctx.actor, input.id, input.date))),

  cancel: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/admin/ai-reminders/{id}/cancel', tags, summary: 'Cancel a reminder still waiting: no follow-up will be drafted; 409 once it is due' } })
    .input(idInput)
    .output(reminderOutput)
    .mutation(({ ctx, input }) => ctx.inWorkspace((db) => cancelReminder(db, ctx.actor, input.id))),
});
