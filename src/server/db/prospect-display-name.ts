import { sql, type SQL } from 'drizzle-orm';
import { prospects } from './schema/index.js';

/**
 * How a prospect is named wherever it is listed (Kanban cards, activity, campaign pages): the full
 * name, else first + last name, else the email. Null only for a LinkedIn-only prospect with no
 * name. Renders as `"prospects"."…"`, so the query must use the table unaliased.
 */
export const prospectDisplayName: SQL<string | null> = sql<string | null>`coalesce(
  nullif(${prospects.fullName}, ''),
  nullif(trim(coalesce(${prospects.firstName}, '') || ' ' || coalesce(${prospects.lastName}, '')), ''),
  ${prospects.email})`;
