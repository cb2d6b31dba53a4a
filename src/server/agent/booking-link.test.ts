import { describe, expect, it } from 'vitest';
import { bookingProvider, prefillBookingLink } from './booking-link.js';

const prospect = { name: 'Chloé Dubois', email: 'chloe+sales@acme.example', prospectId: '7c0d3c52-1b1e-4c4e-9a59-0f6f2b0c9d11' };

describe('prefillBookingLink', () => {
  it('gives Cal.com the name, the email and the prospect id as metadata', () => {
    const link = new URL(prefillBookingLink('https://cal.com/eve/intro', prospect) ?? '');
    expect(link.origin + link.pathname).toBe('https://cal.com/eve/intro');
    expect(link.searchParams.get('name')).toBe('Chloé Dubois');
    expect(link.searchParams.get('email')).toBe('chloe+sales@acme.example');
    expect(link.searchParams.get('metadata[prospectId]')).toBe(prospect.prospectId);
    // "+" must survive: a literal + in a query string reads as a space.
    expect(link.search).toContain('chloe%2Bsales%40acme.example');
  });

  it('gives Calendly the name and email only', () => {
    const link = new URL(prefillBookingLink('https://calendly.com/eve-martin/30min', prospect) ?? '');
    expect([...link.searchParams.keys()]).toEqual(['name', 'email']);
  });

  it('recognises providers by hostname, not by a look-alike', () => {
    expect(bookingProvider('app.cal.com')).toBe('calcom');
    expect(bookingProvider('CALENDLY.COM')).toBe('calendly');
    expect(bookingProvider('cal.com.evil.example')).toBe('other');
    expect(bookingProvider('mycal.com')).toBe('other');
  });

  it('appends name and email to any other URL, keeping its own query and fragment', () => {
    const link = prefillBookingLink('https://meet.example.org/book?team=sales#slots', prospect) ?? '';
    const url = new URL(link);
    expect(url.searchParams.get('team')).toBe('sales');
    expect(url.searchParams.get('name')).toBe('Chloé Dubois');
    expect(url.searchParams.has('metadata[prospectId]')).toBe(false);
    expect(url.hash).toBe('#slots');
  });

  it('replaces a name already in the URL instead of sending two', () => {
    const url = new URL(prefillBookingLink('https://cal.com/eve?name=Someone', prospect) ?? '');
    expect(url.searchParams.getAll('name')).toEqual(['Chloé Dubois']);
  });

  it('leaves the link as it is when there is nothing to add', () => {
    expect(prefillBookingLink('https://cal.com/eve/intro', {})).toBe('https://cal.com/eve/intro');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(prefillBookingLink('javascript:alert(1)', prospect)).toBeNull();
    expect(prefillBookingLink('cal.com/eve', prospect)).toBeNull();
    expect(prefillBookingLink('', prospect)).toBeNull();
  });
});
