import { router } from '../trpc/init.js';

export const credentialsRouter = router({});
