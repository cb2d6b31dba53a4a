import { router } from '../trpc/init.js';

export const agentsRouter = router({});
