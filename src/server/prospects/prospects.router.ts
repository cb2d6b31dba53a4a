import { router } from '../trpc/init.js';

export const prospectsRouter = router({});
