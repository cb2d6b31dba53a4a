import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { FAKE_OPENAI_KEY, messageText, startFakeOpenAi, type ChatRequest, type FakeOpenAi, type Responder } from '../../../tests/fakes/openai.js';
import { startTestApp, type TestApp, type TestResponse } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { aiDecisions } from '../db/schema/index.js';
import type { OwnedServices } from '../services.js';
import { sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import type { ThreadReplyDeps } from '../sending/thread-reply.service.js';
import { waitFor } from '../../../tests/helpers/wait-for.js';

/**
 * Shared by the reply-loop tests: a sending workspace whose default agent reads replies with the
 * OpenAI-compatible fake as its model and answers on its own, and the waits and reads around it.
 */

export const BOOKING_URL = 'https://cal.com/alex/intro';

export type AgentWorld = SendingWorld & {
  app: TestApp;
  model: FakeOpenAi;
  /** The workspace's default agent, set to answer by itself above 0.8 with BOOKING_URL and no undo window. */
  agentId: string;
  inWs: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
  setAgent(patch: Record<string, unknown>): Promise<TestResponse>;
  /** Stops the app, the world's services and the model fake (what the test started itself, it stops). */
  stop(): Promise<void>;
};

/** The app (with `env`), a sending workspace, and its default agent on the model fake answering with `responder`. */
export async function startAgentWorld(options: { responder: Responder; env?: Record<string, string> }): Promise<AgentWorld> {
  const model = await startFakeOpenAi({ responder: options.responder });
  const app = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true', ...options.env });
  const world = await sendingWorld(app);
  const saved = await world.client.request('PUT', '/api/admin/settings/credentials/openai', { json: { apiKey: FAKE_OPENAI_KEY, baseUrl: model.baseUrl, model: 'gpt-4o-mini' } });
  expect(saved.status, saved.text).toBe(200);
  const agents = await world.client.request<{ id: string; isDefault: boolean }[]>('GET', '/api/admin/agents');
  const agentId = agents.body.find((entry) => entry.isDefault)!.id;
  const setAgent = (patch: Record<string, unknown>) => world.client.request('PATCH', `/api/admin/agents/${agentId}`, { json: patch });
  const patched = await setAgent({ bookingUrl: BOOKING_URL, autoSend: true, confidenceThreshold: 0.8, undoWindowSeconds: 0 });
  expect(patched.status, patched.text).toBe(200);
  return {
    ...world,
    app,
    model,
    agentId,
    setAgent,
    inWs: (fn) => app.database.withWorkspace(world.workspaceId, fn),
    stop: async () => {
      await world.services.close();
      await app.stop();
      await model.close();
    },
  };
}

/** What sendThreadReply needs, in the world's workspace, with `services`' config (the world's own unless given). */
export function threadReplyDeps(world: AgentWorld, services: OwnedServices = world.services): ThreadReplyDeps {
  return { inWorkspace: world.inWs, config: services.config, secretBox: services.secretBox, logger: services.logger };
}

/** What the agent's prompt carries: the booking link it must copy, and the prospect's reply inside its fence. */
export function readPrompt(request: ChatRequest): { link: string; reply: string } {
  // [system, user], and on a retry the model's invalid answer and a user nudge after them: the reply is in the first user message.
  const link = /exactly as written: (\S+)/.exec(messageText(request.messages[0]!))?.[1] ?? '';
  const reply = /<<<PROSPECT_REPLY\n([\s\S]*)\nPROSPECT_REPLY>>>/.exec(messageText(request.messages[1]!))?.[1] ?? '';
  return { link, reply };
}

/** Polls `read` every 50 ms until it gives a value; fails after `timeoutMs`. */
export const until = <T>(read: () => Promise<T | undefined | null>, timeoutMs = 10_000): Promise<T> => waitFor('the reply loop', read, timeoutMs, 50);

/** The agent's first decision on the prospect's replies (with that status, if given), once it exists. */
export function decisionFor(world: AgentWorld, prospectId: string, status?: (typeof aiDecisions.$inferSelect)['status']) {
  const mine = () => (status ? and(eq(aiDecisions.prospectId, prospectId), eq(aiDecisions.status, status)) : eq(aiDecisions.prospectId, prospectId));
  return until(async () => (await world.inWs((db) => db.select().from(aiDecisions).where(mine())))[0]);
}

export type ReviewItem = { id: string; prospectId: string; intent: string; draft: { body: string } | null };

/** The review-queue item for the prospect's reply, once the agent has put it there. */
export function reviewItemFor(world: AgentWorld, prospectId: string): Promise<ReviewItem> {
  return until(async () => {
    const list = await world.client.request<{ items: ReviewItem[] }>('GET', '/api/admin/ai-review-queue');
    return list.body.items.find((entry) => entry.prospectId === prospectId);
  });
}
