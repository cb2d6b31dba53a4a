import { describe, expect, it } from 'vitest';
import { computeHealthScore, type HealthInputs } from './health-score.js';

const healthy: HealthInputs = { sent7d: 1000, bounces7d: 10, sent30d: 4000, replies30d: 300, unhealthyMailboxes: 0, failedJobs24h: 0, staleReviewItems: 0, domainProblems: 0 };
const penalty = (inputs: Partial<HealthInputs>, key: string) =>
  computeHealthScore({ ...healthy, ...inputs }).components.find((component) => component.key === key)!.penalty;

describe('the health score formula', () => {
  it('is 100 for a healthy workspace and for an empty one', () => {
    expect(computeHealthScore(healthy).score).toBe(100);
    expect(computeHealthScore({ sent7d: 0, bounces7d: 0, sent30d: 0, replies30d: 0, unhealthyMailboxes: 0, failedJobs24h: 0, staleReviewItems: 0, domainProblems: 0 }).score).toBe(100);
  });

  it('bounce rate: nothing up to 2 %, linear to 35 at 5 %, capped beyond', () => {
    expect(penalty({ bounces7d: 20 }, 'bounceRate')).toBe(0);
    expect(penalty({ bounces7d: 35 }, 'bounceRate')).toBe(17.5);
    expect(penalty({ bounces7d: 50 }, 'bounceRate')).toBe(35);
    expect(penalty({ bounces7d: 300 }, 'bounceRate')).toBe(35);
  });

  it('reply rate: nothing at 5 % or more, linear to 15 at 0 %, only once 50 were sent', () => {
    expect(penalty({ replies30d: 200 }, 'replyRate')).toBe(0);
    expect(penalty({ replies30d: 100 }, 'replyRate')).toBe(7.5);
    expect(penalty({ replies30d: 0 }, 'replyRate')).toBe(15);
    expect(penalty({ sent30d: 49, replies30d: 0 }, 'replyRate')).toBe(0);
    expect(computeHealthScore({ ...healthy, sent30d: 49, replies30d: 0 }).components[1]!.applies).toBe(false);
    expect(penalty({ sent30d: 50, replies30d: 0 }, 'replyRate')).toBe(15);
  });

  it('counts mailboxes (10 each, max 20), failed jobs (5 each, max 15) and stale reviews (2 each, max 15)', () => {
    expect(penalty({ unhealthyMailboxes: 1 }, 'mailboxes')).toBe(10);
    expect(penalty({ unhealthyMailboxes: 5 }, 'mailboxes')).toBe(20);
    expect(penalty({ failedJobs24h: 2 }, 'failedJobs')).toBe(10);
    expect(penalty({ failedJobs24h: 9 }, 'failedJobs')).toBe(15);
    expect(penalty({ staleReviewItems: 3 }, 'reviewBacklog')).toBe(6);
    expect(penalty({ staleReviewItems: 30 }, 'reviewBacklog')).toBe(15);
  });

  it('subtracts every penalty from 100, rounds, and never goes below 0', () => {
    // 17.5 (3.5 % bounces) + 7.5 (2.5 % replies) + 10 + 10 + 6 = 51 → 49
    expect(computeHealthScore({ ...healthy, bounces7d: 35, replies30d: 100, unhealthyMailboxes: 1, failedJobs24h: 2, staleReviewItems: 3 }).score).toBe(49);
    expect(computeHealthScore({ sent7d: 100, bounces7d: 100, sent30d: 100, replies30d: 0, unhealthyMailboxes: 9, failedJobs24h: 9, staleReviewItems: 99, domainProblems: 9 }).score).toBe(0);
  });

  it('sending domains: 8 per DNS problem, at most 25; nothing sent in 30 days is its own state', () => {
    expect(penalty({ domainProblems: 3 }, 'sendingDomains')).toBe(24);
    expect(penalty({ domainProblems: 9 }, 'sendingDomains')).toBe(25);
    expect(computeHealthScore({ ...healthy, domainProblems: 3 }).score).toBe(76);
    expect(computeHealthScore(healthy).state).toBe('measured');
    expect(computeHealthScore({ ...healthy, sent7d: 0, bounces7d: 0, sent30d: 0, replies30d: 0 }).state).toBe('nothing_sent');
  });
});
