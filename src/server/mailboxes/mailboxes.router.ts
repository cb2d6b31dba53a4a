import { router } from '../trpc/init.js';

export const mailboxesRouter = router({});
