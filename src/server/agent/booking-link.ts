/**
 * Booking links prefilled with the prospect, so the meeting webhook can match the booking back to
 * them and they type nothing. Cal.com reads `name`, `email` and `metadata[key]` (returned in its
 * BOOKING_CREATED payload); Calendly reads `name` and `email`. Any other URL gets `name` and
 * `email` appended, which booking pages that do not know them ignore.
 */
export type BookingProvider = 'calcom' | 'calendly' | 'other';
export type BookingProspect = { name?: string | null; email?: string | null; prospectId?: string | null };

export function bookingProvider(hostname: string): BookingProvider {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'cal.com' || host.endsWith('.cal.com')) return 'calcom';
  if (host === 'calendly.com' || host.endsWith('.calendly.com')) return 'calendly';
  return 'other';
}

/**
 * The booking URL with the prospect's details in its query (existing parameters kept, ours
 * replacing any of the same name). Null when `url` is not an http(s) URL: a broken or
 * `javascript:` link must never reach a prospect.
 */
export function prefillBookingLink(url: string, prospect: BookingProspect): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const name = prospect.name?.trim();
  const email = prospect.email?.trim();
  if (name) parsed.searchParams.set('name', name);
  if (email) parsed.searchParams.set('email', email);
  const prospectId = prospect.prospectId?.trim();
  if (prospectId && bookingProvider(parsed.hostname) === 'calcom') parsed.searchParams.set('metadata[prospectId]', prospectId);
  return parsed.toString();
}
