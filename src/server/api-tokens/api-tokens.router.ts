import { router } from '../trpc/init.js';

export const apiTokensRouter = router({});
