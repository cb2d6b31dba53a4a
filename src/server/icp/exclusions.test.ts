import { describe, expect, it } from 'vitest';
import { companyKey, exclusionReason } from './exclusions.js';

const exclusions = { domains: ['competitor.com'], companies: ['Rival Labs'] };

describe('ICP exclusions', () => {
  it('excludes by email domain, company domain and subdomains', () => {
    expect(exclusionReason(exclusions, { email: 'exc@competitor.com' })).toEqual({ code: 'excluded_domain', domain: 'competitor.com' });
    expect(exclusionReason(exclusions, { email: 'a@eu.competitor.com' })?.code).toBe('excluded_domain');
    expect(exclusionReason(exclusions, { companyDomain: 'https://www.Competitor.com/about' })?.code).toBe('excluded_domain');
    expect(exclusionReason(exclusions, { email: 'a@notcompetitor.com' })).toBeNull();
  });

  it('excludes by company name whatever its case, accents or legal suffix', () => {
    expect(exclusionReason(exclusions, { company: 'RIVAL LABS, Inc.' })).toEqual({ code: 'excluded_company', company: 'Rival Labs' });
    expect(companyKey('Société Générale SA')).toBe(companyKey('societe generale'));
    expect(exclusionReason(exclusions, { company: 'Rival Laboratories' })).toBeNull();
  });

  it('lets everyone through when nothing is excluded', () => {
    expect(exclusionReason({ domains: [], companies: [] }, { email: 'exc@competitor.com', company: 'Rival Labs' })).toBeNull();
  });
});
