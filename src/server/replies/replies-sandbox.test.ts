import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { Db } from '../db/database.js';
import { aiDecisions, enrollments, messages, prospects, reviewItems, suppressions } from '../db/schema/index.js';
import { launchedCampaign, nextMonday, sandboxMailbox, sendingWorld, type SendingWorld } from '../sending/sending.test-helpers.js';
import { sendThreadReply } from '../sending/thread-reply.service.js';
import { parseInboundMail } from './inbound-mail.js';
import { ingestInboundMail } from './ingest.service.js';
import { POSTFIX_DSN } from './mail-fixtures.test-data.js';

/**
 * The loop with no account at all: the sandbox mailbox "sends", a simulated reply comes back, and
 * the offline agent decides (no model configured). Also delivery failures and out-of-office.
 */
let t: TestApp;
let world: SendingWorld;
let sandbox: string;
const base = nextMonday(9);
const inWs = <T>(fn: (db: Db) => Promise<T>) => t.database.withWorkspace(world.workspaceId, fn);
const deps = () => ({ inWorkspace: inWs, config: world.services.config, secretBox: world.services.secretBox, logger: world.services.logger });

async function mailed(email: string, company = 'Acme') {
  const campaign = await launchedCampaign(world, {
    mailboxIds: [sandbox],
    steps: [
      { delayDays: 0, subject: 'Idea for {{company}}', body: 'Hi {{firstName}}, an idea.' },
      { delayDays: 3, subject: '', body: 'Following up.' },
    ],
    prospects: [{ email, firstName: 'Nina', lastName: 'Roy', company }],
  });
  await world.tick(base);
  const sent = (await world.messages(campaign)).find((row) => row.toEmail === email && row.state === 'sent');
  expect(sent).toBeDefined();
  return sent!;
}

beforeAll(async () => {
  t = await startTestApp({ ALLOW_PRIVATE_NETWORK_URLS: 'true' });
  world = await sendingWorld(t);
  sandbox = await sandboxMailbox(t, world);
  const agents = await world.client.request<{ id: string; isDefault: boolean }[]>('GET', '/api/admin/agents');
  const agent = agents.body.find((entry) => entry.isDefault)!;
  await world.client.request('PATCH', `/api/admin/agents/${agent.id}`, { json: { bookingUrl: 'https://cal.com/alex/intro', autoSend: true, undoWindowSeconds: 300 } });
});
afterAll(async () => {
  await world.services.close();
  await t.stop();
});

describe('simulate a reply from the sandbox', () => {
  it('with no model, a positive reply goes to review with its template draft; approving it sends it in-thread from the sandbox', async () => {
    const sent = await mailed('nina@acme.example');
    const res = await world.client.request<{ status: string; decided: boolean }>('POST', `/api/admin/messages/${sent.id}/simulate-reply`, { json: { intent: 'meeting_request' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'stored', decided: true });
    const [decision] = await inWs((db) => db.select().from(aiDecisions).where(eq(aiDecisions.prospectId, sent.prospectId)));
    expect(decision).toMatchObject({ provider: 'offline', action: 'review', status: 'in_review' });
    expect(decision!.draftBody).toContain('https://cal.com/alex/intro?name=Nina+Roy');
    const list = await world.client.request<{ items: { id: string }[] }>('GET', '/api/admin/ai-review-queue');
    const item = list.body.items[0]!;
    const approved = await world.client.request<{ send: string; messageId: string }>('POST', `/api/admin/ai-review-queue/${item.id}/edit`, { json: { body: 'Hi Nina, here is my calendar: https://cal.com/alex/intro' } });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.send).toBe('sent');
    const [answer] = await inWs((db) => db.select().from(messages).where(eq(messages.id, approved.body.messageId)));
    expect(answer).toMatchObject({ state: 'sent', toEmail: 'nina@acme.example', inReplyTo: expect.stringMatching(/^<sim-/), bodyText: 'Hi Nina, here is my calendar: https://cal.com/alex/intro' });
    expect(answer!.rawSource?.toString('utf8')).toContain('In-Reply-To: <sim-');
  });

  it('refuses a message that the sandbox did not send', async () => {
    const res = await world.client.request('POST', `/api/admin/messages/${crypto.randomUUID()}/simulate-reply`, { json: {} });
    expect(res.status).toBe(409);
  });

  it('an opt-out is suppressed, and its decision has nothing to cancel', async () => {
    const sent = await mailed('undo@acme.example');
    const stored = await world.client.request<{ messageId: string }>('POST', `/api/admin/messages/${sent.id}/simulate-reply`, { json: { text: 'unsubscribe' } });
    expect(stored.status).toBe(200);
    const [decision] = await inWs((db) => db.select().from(aiDecisions).where(eq(aiDecisions.prospectId, sent.prospectId)));
    expect(decision).toMatchObject({ action: 'suppress' });
    // Not cancellable: it is not an automatic answer.
    expect((await world.client.request('POST', `/api/admin/ai-decisions/${decision!.id}/cancel`)).status).toBe(409);
  });
});

describe('delivery failures and absence notices', () => {
  it('a DSN goes to the bounce handler: the prospect is bounced and suppressed, the sequence stopped', async () => {
    const sent = await mailed('ghost@bounce.example', 'Bounce');
    const raw = POSTFIX_DSN.replaceAll('bob@prospect.example', 'ghost@bounce.example').replaceAll('<out-1@ourco.example>', sent.messageIdHeader!).replaceAll('alice@ourco.example', sent.fromEmail!);
    const parsed = await parseInboundMail(raw);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = await inWs((db) => ingestInboundMail(db, { rawSource: Buffer.from(raw) }, parsed.mail, { kind: 'imap', mailboxId: sandbox }));
    expect(result).toMatchObject({ status: 'stored', reason: 'bounce' });
    const [person] = await inWs((db) => db.select().from(prospects).where(eq(prospects.id, sent.prospectId)));
    expect(person?.stage).toBe('bounced');
    expect(await inWs((db) => db.select().from(suppressions).where(and(eq(suppressions.value, 'ghost@bounce.example'), eq(suppressions.reason, 'bounce'))))).toHaveLength(1);
    const [original] = await inWs((db) => db.select().from(messages).where(eq(messages.id, sent.id)));
    expect(original?.isBounce).toBe(true);
    const [enrolment] = await inWs((db) => db.select().from(enrollments).where(eq(enrollments.prospectId, sent.prospectId)));
    expect(enrolment?.state).toBe('stopped');
    const [stored] = await inWs((db) => db.select().from(messages).where(eq(messages.id, result.messageId!)));
    expect(stored?.rawSource?.toString('utf8')).toContain('Final-Recipient: rfc822; ghost@bounce.example');
  });

  it('an out-of-office pauses the sequence until the return date, then it resumes', async () => {
    const sent = await mailed('away@acme.example');
    const back = new Date(base.getTime() + 20 * 86_400_000);
    const backText = back.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const raw = [
      `From: Nina Roy <away@acme.example>`,
      `To: ${sent.fromEmail}`,
      `Subject: Automatic reply: ${sent.subject}`,
      `Message-ID: <ooo-1@acme.example>`,
      `In-Reply-To: ${sent.messageIdHeader}`,
      `Auto-Submitted: auto-replied`,
      `Date: ${new Date().toUTCString()}`,
      '',
      `I am out of the office and will be back on ${backText}.`,
      '',
    ].join('\r\n');
    const parsed = await parseInboundMail(raw);
    if (!parsed.ok) throw new Error(parsed.detail);
    const result = await inWs((db) => ingestInboundMail(db, { rawSource: Buffer.from(raw) }, parsed.mail, { kind: 'imap', mailboxId: sandbox }));
    expect(result).toMatchObject({ status: 'stored', reason: 'out_of_office' });
    expect(result.decisionJobId).toBeUndefined();
    const [decision] = await inWs((db) => db.select().from(aiDecisions).where(eq(aiDecisions.prospectId, sent.prospectId)));
    expect(decision).toMatchObject({ intent: 'out_of_office', action: 'reschedule' });
    const resume = decision!.remindAt!;
    expect(resume.toISOString().slice(0, 10)).toBe(back.toISOString().slice(0, 10));
    const [followUp] = await inWs((db) => db.select().from(messages).where(and(eq(messages.prospectId, sent.prospectId), eq(messages.state, 'scheduled'))));
    expect(followUp!.scheduledAt!.getTime()).toBeGreaterThanOrEqual(resume.getTime());
    // Due by the sequence (3 days later), held by the absence: nothing leaves before the return.
    await world.tick(new Date(base.getTime() + 4 * 86_400_000));
    const [still] = await inWs((db) => db.select().from(messages).where(eq(messages.id, followUp!.id)));
    expect(still?.state).toBe('scheduled');
    // No review item, no stop: an absence is not a reply.
    expect(await inWs((db) => db.select().from(reviewItems).where(eq(reviewItems.prospectId, sent.prospectId)))).toEqual([]);
    expect(await sendThreadReply(deps(), followUp!.id)).toBe('taken');
  });
});
