import { router } from '../trpc/init.js';

export const dashboardRouter = router({});
