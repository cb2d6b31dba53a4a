import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import { jobs, sessions } from '../db/schema/index.js';

let t: TestApp;
beforeAll(async () => {
  // Cron expressions come from the environment: here every second, so the test needs no waiting game.
  t = await startTestApp({ JOBS_ENABLED: 'true', JOBS_POLL_CRON: '* * * * * *', MAINTENANCE_CRON: '* * * * * *' });
});
afterAll(() => t.stop());

it('runs the maintenance tick from its cron expression and deletes sessions idle past the timeout', async () => {
  const client = t.client();
  await client.signUp();
  const id = decodeURIComponent(client.cookies.get('sm_session')!).split('.')[0]!;
  await t.database.db.update(sessions).set({ lastVerifiedAt: new Date(Date.now() - 30 * 24 * 3600_000) }).where(eq(sessions.id, id));
  const deadline = Date.now() + 8000;
  let remaining = 1;
  while (remaining > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    remaining = (await t.database.db.select().from(sessions).where(eq(sessions.id, id))).length;
  }
  expect(remaining).toBe(0);
  const ticks = await t.database.asSystem((db) => db.select().from(jobs).where(eq(jobs.type, 'auth.cleanup')));
  expect(ticks.some((job) => job.state === 'succeeded')).toBe(true);
});
