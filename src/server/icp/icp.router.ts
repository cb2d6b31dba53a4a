import { router } from '../trpc/init.js';

export const icpRouter = router({});
