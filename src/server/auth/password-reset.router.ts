import { z } from 'zod';
import { emailSchema, passwordSchema } from '../../shared/auth-rules.js';
import { publicProcedure, router } from '../trpc/init.js';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.js';

const tags = ['auth'];

export const passwordResetRouter = router({
  request: publicProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/auth/password-reset',
        tags,
        protect: false,
        summary: 'Ask for a password-reset link (202 whether or not the address has an account; throttled per IP)',
      },
      rest: { successStatus: 202 },
    })
    .input(z.object({ email: emailSchema }))
    .output(z.object({ delivery: z.enum(['email', 'log']).describe('"log": no SMTP_URL is set, the link was written to the server log') }))
    .mutation(({ ctx, input }) =>
      requestPasswordReset(ctx.services.database, input, ctx.client, {
        smtpUrl: ctx.services.config.systemMail.smtpUrl,
        from: ctx.services.config.systemMail.from,
        origin: ctx.services.config.appOrigin ?? ctx.origin,
        // The process logger, where an operator without SMTP_URL looks for the link.
        logger: ctx.services.logger,
      }),
    ),

  confirm: publicProcedure
    .meta({
      openapi: { method: 'POST', path: '/auth/password-reset/confirm', tags, protect: false, summary: 'Set a new password with a reset link (400 when used, expired or unknown); signs out every session' },
      rest: { successStatus: 204 },
    })
    .input(z.object({ token: z.string().min(1).max(300), password: passwordSchema }))
    .output(z.void())
    .mutation(async ({ ctx, input }) => {
      await confirmPasswordReset(ctx.services.database, input);
      ctx.log.info('password reset used');
    }),
});
