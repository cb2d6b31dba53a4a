import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { OutboundMessageRef, ThreadLookup } from './thread-match.js';

/** The SQL side of thread matching (see thread-match.ts): our mailboxes and our outbound messages. */

const RECENT = 20;

type OutboundRow = {
  id: string;
  message_id_header: string;
  prospect_id: string;
  prospect_email: string | null;
  company_domain: string | null;
  campaign_id: string | null;
  from_email: string | null;
  sent_at: string | Date | null;
  updated_at: string | Date;
};

const toRef = (row: OutboundRow): OutboundMessageRef => ({
  id: row.id,
  messageId: row.message_id_header,
  prospectId: row.prospect_id,
  prospectEmail: row.prospect_email ?? '',
  prospectCompanyDomain: row.company_domain,
  campaignId: row.campaign_id,
  mailboxAddress: row.from_email ?? '',
  sentAt: new Date(row.sent_at ?? row.updated_at),
});

const SELECT = sql`select m.id, m.message_id_header, m.prospect_id, p.email as prospect_email, p.company_domain, m.campaign_id, m.from_email, m.sent_at, m.updated_at
  from messages m join prospects p on p.id = m.prospect_id`;
// Sent, or possibly sent: a reply can arrive before the send was recorded (or after a lease expired).
const SENT = sql`m.direction = 'outbound' and m.message_id_header is not null and m.state in ('sent', 'sending', 'unknown')`;

export function sqlThreadLookup(db: Db): ThreadLookup {
  let own: string[] | null = null;
  return {
    async ownAddresses() {
      own ??= (await queryRows<{ from_email: string }>(db, sql`select lower(from_email) as from_email from mailboxes`)).map((row) => row.from_email);
      return own;
    },
    async outboundByMessageIds(ids) {
      if (ids.length === 0) return [];
      const list = sql.join(ids.slice(0, 100).map((id) => sql`${id}`), sql`, `);
      return (await queryRows<OutboundRow>(db, sql`${SELECT} where m.direction = 'outbound' and m.message_id_header in (${list})`)).map(toRef);
    },
    async outboundToAddress(address) {
      return (await queryRows<OutboundRow>(db, sql`${SELECT} where ${SENT} and lower(m.to_email) = ${address} order by coalesce(m.sent_at, m.updated_at) desc limit ${RECENT}`)).map(toRef);
    },
    async outboundToDomain(domain) {
      return (
        await queryRows<OutboundRow>(
          db,
          sql`${SELECT} where ${SENT} and (lower(p.company_domain) = ${domain} or lower(split_part(m.to_email, '@', 2)) = ${domain})
              order by coalesce(m.sent_at, m.updated_at) desc limit ${RECENT}`,
        )
      ).map(toRef);
    },
  };
}
