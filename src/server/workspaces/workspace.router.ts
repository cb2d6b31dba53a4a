import { router } from '../trpc/init.js';

export const workspaceRouter = router({});
