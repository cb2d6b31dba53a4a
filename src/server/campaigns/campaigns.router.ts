import { router } from '../trpc/init.js';

export const campaignsRouter = router({});
