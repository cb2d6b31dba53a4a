import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../../shared/enums.js';
import { AppError } from '../errors.js';
import { assertTransition, canTransition, transitionRefusal, transitionTimestamps } from './campaign-status.js';

describe('the campaign status machine', () => {
  it('allows exactly draft → active ⇄ paused → completed → archived (plus archiving a draft, a paused and a completed campaign)', () => {
    const allowed = CAMPAIGN_STATUSES.flatMap((from) => CAMPAIGN_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual(
      ['draft>active', 'draft>archived', 'active>paused', 'active>completed', 'paused>active', 'paused>completed', 'paused>archived', 'completed>archived'].sort(),
    );
  });

  it('refuses every other move with a CONFLICT and a message that says what to do', () => {
    for (const from of CAMPAIGN_STATUSES) {
      for (const to of CAMPAIGN_STATUSES) {
        if (from === to || canTransition(from, to)) continue;
        let error: unknown;
        try {
          assertTransition(from, to);
        } catch (caught) {
          error = caught;
        }
        expect(error, `${from}>${to}`).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(409);
        expect((error as AppError).message).toBe(transitionRefusal(from, to).message);
        expect((error as AppError).message).not.toMatch(/cannot go from/);
        // Each refusal has its own reason, so the UI can say what to do in the user's language.
        expect((error as AppError).reason, `${from}>${to}`).toBe(transitionRefusal(from, to).reason);
        expect((error as AppError).reason).not.toBe('campaign.transition');
      }
    }
  });

  it('treats staying in place as no move', () => {
    for (const status of CAMPAIGN_STATUSES) expect(() => assertTransition(status, status)).not.toThrow();
  });

  it('stamps the right time and keeps the first launch date on resume', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const firstLaunch = new Date('2025-12-01T00:00:00Z');
    expect(transitionTimestamps('active', { startedAt: null }, now)).toEqual({ startedAt: now, pausedAt: null });
    expect(transitionTimestamps('active', { startedAt: firstLaunch }, now)).toEqual({ startedAt: firstLaunch, pausedAt: null });
    const stamps: Partial<Record<CampaignStatus, string>> = { paused: 'pausedAt', completed: 'completedAt', archived: 'archivedAt' };
    for (const [status, column] of Object.entries(stamps)) {
      expect(transitionTimestamps(status as CampaignStatus, { startedAt: null }, now)).toEqual({ [column]: now });
    }
  });
});
