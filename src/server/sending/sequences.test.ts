import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { createOk, type ErrorBody } from '../campaigns/campaigns.test-helpers.js';
import type { SequenceView } from './sequences.schemas.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  await admin.signUp({ workspaceName: 'Sequence Co' });
});
afterAll(() => t.stop());

const put = (id: string, json: unknown) => admin.request<SequenceView & ErrorBody>('PUT', `/api/admin/campaigns/${id}/sequence`, { json });

describe('the sequence API', () => {
  it('saves steps with delays, business days, a threaded follow-up and A/B versions, and reads them back', async () => {
    const campaign = await createOk(admin);
    const res = await put(campaign.id, {
      steps: [
        { delayDays: 0, subject: 'Quick question, {{firstName|there}}', body: 'Hi {{firstName|there}},\n\n{{openingLine}}', variants: [{ subject: 'About {{company}}', body: 'Hello {{firstName}}' }] },
        { delayDays: 3, businessDays: true, subject: '', body: 'Just bumping this up.' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s) => [s.position, s.delayDays, s.businessDays, s.subject, s.variants.length])).toEqual([
      [0, 0, false, 'Quick question, {{firstName|there}}', 1],
      [1, 3, true, '', 0],
    ]);
    const got = await admin.request<SequenceView>('GET', `/api/admin/campaigns/${campaign.id}/sequence`);
    expect(got.body.steps).toEqual(res.body.steps);
    // Lint runs per version: step 1 A and B, step 2 A.
    expect(got.body.lint.map((l) => [l.stepIndex, l.variantIndex])).toEqual([[0, 0], [0, 1], [1, 0]]);
  });

  it('keeps one activity line per burst of autosaves, with the latest number of emails', async () => {
    const campaign = await createOk(admin);
    for (const count of [1, 2, 2, 3]) {
      const steps = Array.from({ length: count }, (_, index) => ({ delayDays: index, subject: index ? '' : 'Hi', body: `Email ${index + 1}` }));
      expect((await put(campaign.id, { steps })).status).toBe(200);
    }
    const feed = await admin.request<{ type: string; data: { steps?: number } }[]>('GET', `/api/admin/campaigns/${campaign.id}/events`);
    const saves = feed.body.filter((event) => event.type === 'campaign.sequence_saved');
    expect(saves.map((event) => event.data.steps)).toEqual([3]);
  });

  it('returns lint warnings (unknown variable, spam words) without blocking the save', async () => {
    const campaign = await createOk(admin);
    const res = await put(campaign.id, { steps: [{ delayDays: 0, subject: 'FREE MONEY GUARANTEED!!!', body: 'Hi {{frstName}}, act now' }] });
    expect(res.status).toBe(200);
    const codes = res.body.lint[0]!.warnings.map((w) => w.code);
    expect(codes).toContain('unknown_variable');
    expect(codes).toContain('subject_all_caps');
    expect(codes).toContain('spam_words');
  });

  it('replaces the whole sequence on each save', async () => {
    const campaign = await createOk(admin);
    await put(campaign.id, { steps: [{ delayDays: 0, subject: 'One', body: 'a' }, { delayDays: 2, subject: '', body: 'b' }] });
    const res = await put(campaign.id, { steps: [{ delayDays: 0, subject: 'Only', body: 'c' }] });
    expect(res.body.steps.map((s) => s.subject)).toEqual(['Only']);
  });

  it('refuses a subject with a line break (header injection), a body too long, five versions and a negative delay, saving nothing', async () => {
    const campaign = await createOk(admin);
    await put(campaign.id, { steps: [{ delayDays: 0, subject: 'Kept', body: 'kept' }] });
    const injected = await put(campaign.id, { steps: [{ delayDays: 0, subject: 'Hi\r\nBcc: victim@example.com', body: 'x' }] });
    expect(injected.status).toBe(400);
    expect(injected.body.error.issues?.[0]).toMatchObject({ path: ['steps', 0, 'subject'], params: { rule: 'text.line_break' } });
    expect((await put(campaign.id, { steps: [{ delayDays: 0, subject: 'x', body: 'y'.repeat(20_001) }] })).status).toBe(400);
    const five = Array.from({ length: 4 }, () => ({ subject: 's', body: 'b' }));
    expect((await put(campaign.id, { steps: [{ delayDays: 0, subject: 'x', body: 'y', variants: five }] })).status).toBe(400);
    expect((await put(campaign.id, { steps: [{ delayDays: -1, subject: 'x', body: 'y' }] })).status).toBe(400);
    expect((await put(campaign.id, { steps: [{ delayDays: 0, subject: 'x', body: '   ' }] })).status).toBe(400);
    const after = await admin.request<SequenceView>('GET', `/api/admin/campaigns/${campaign.id}/sequence`);
    expect(after.body.steps.map((s) => s.subject)).toEqual(['Kept']);
  });

  it('answers 404 for an unknown campaign', async () => {
    const res = await put('00000000-0000-4000-8000-000000000000', { steps: [] });
    expect(res.status).toBe(404);
  });
});
