import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Db } from '../src/server/db/database.js';
import { users } from '../src/server/db/schema/index.js';
import { DEMO_MARKS, DEMO_TAG } from '../src/server/demo/demo-marks.js';
import { provisionWorkspace } from '../src/server/workspaces/provision.js';

export type SeedOptions = {
  /** How many prospects (default 100 000). */
  prospects?: number;
  /** Outbound messages sent per day over the last `days` days (default 1 500). */
  sentPerDay?: number;
  days?: number;
  campaigns?: number;
  /** Seed into this existing workspace instead of creating one. */
  workspaceId?: string;
  /** Deterministic data: the same seed gives the same rows (default 0.42). */
  seed?: number;
};

export type SeedResult = {
  workspaceId: string;
  userId: string | null;
  campaignIds: string[];
  counts: Record<'prospects' | 'sent' | 'inbound' | 'decisions' | 'meetings' | 'events' | 'jobs', number>;
  ms: number;
};

const FIRST = ['Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Farid', 'Gabrielle', 'Hugo', 'Inès', 'Julien', 'Karim', 'Léa', 'Mathis', 'Nora', 'Olivier', 'Pauline', 'Quentin', 'Romane', 'Samuel', 'Théo', 'Ulysse', 'Valentine', 'William', 'Yasmine', 'Zoé', 'Anna', 'Ben', 'Clara', 'Daniel', 'Eva', 'Felix', 'Grace', 'Henry', 'Isla', 'Jack', 'Kate', 'Liam', 'Mia', 'Noah', 'Olivia'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Walker', 'Wright', 'Clarke'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Cyberdyne', 'Soylent', 'Tyrell', 'Vandelay', 'Massive Dynamic', 'Aperture', 'Black Mesa', 'Oscorp', 'Pied Piper', 'Dunder Mifflin', 'Gringotts', 'Monarch', 'Nakatomi', 'Prestige', 'Sirius', 'Wonka', 'Zorg', 'Blue Sun', 'Octan', 'Yoyodyne', 'Kruger', 'Nimbus', 'Quantum Leap'];
const TITLES = ['CEO', 'CTO', 'Head of Sales', 'VP Marketing', 'Growth Lead', 'Sales Director', 'COO', 'Head of Operations', 'Founder', 'Business Developer'];
const INDUSTRIES = ['Software', 'Fintech', 'E-commerce', 'Logistics', 'Healthcare', 'Education', 'Manufacturing', 'Media'];
const LOCATIONS = ['Paris', 'Lyon', 'Bordeaux', 'Lille', 'Nantes', 'London', 'Berlin', 'Brussels', 'Geneva', 'Montréal'];
const TAGS = ['saas', 'enterprise', 'smb', 'warm', 'event-2024', 'partner', 'inbound', 'priority'];
const CAMPAIGN_NAMES = ['Q3 SaaS founders', 'Fintech CFOs', 'Retail ops leaders', 'Logistics VP outreach', 'Healthcare IT', 'EdTech decision makers', 'Series A follow-up', 'Event leads – VivaTech', 'Manufacturing 4.0', 'Media & publishing', 'Agency partners', 'Win-back 2024'];

// Seeding into an existing workspace must leave its own rows alone: these pick out the seeded
// ones (the same marks make it demo data that `removeDemoData` takes away in one action).
const BENCH_CAMPAIGN = DEMO_MARKS.campaign;
const BENCH_PROSPECT = DEMO_MARKS.prospect;
const BENCH_MESSAGE = sql.raw(`m.${DEMO_MARKS.messageIdPrefixSql}`);

const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/**
 * Realistic volume for the dashboard bench (and, with small numbers, for tests): prospects across
 * stages, campaigns and tags; `days` days of sent mail, replies, auto-replies and bounces; AI
 * decisions, review items, meetings, the matching events; a few failed jobs and a running one.
 * Everything is generated inside Postgres (`insert … select generate_series`), so 100k rows take seconds.
 */
export async function seedBenchData(database: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const started = Date.now();
  const prospectCount = options.prospects ?? 100_000;
  const days = options.days ?? 30;
  const sentTotal = (options.sentPerDay ?? 1_500) * days;
  const campaignCount = options.campaigns ?? 12;
  const workspaceId = options.workspaceId ?? randomUUID();
  let userId: string | null = null;

  await database.withWorkspace(workspaceId, async (db) => {
    if (!options.workspaceId) {
      const [user] = await db
        .insert(users)
        .values({ email: `bench-${workspaceId}@example.com`, name: 'Bench Owner', passwordHash: 'not-a-real-hash' })
        .returning({ id: users.id });
      userId = user!.id;
      await provisionWorkspace(db, { workspaceId, name: 'Bench Workspace', ownerUserId: userId, ownerName: 'Bench Owner' });
    }
    await db.execute(sql`select setseed(${options.seed ?? 0.42})`);
    await seedSettings(db, workspaceId);
    await seedCampaigns(db, workspaceId, campaignCount, userId);
    await seedProspects(db, workspaceId, prospectCount);
  });
  await database.withWorkspace(workspaceId, async (db) => {
    await db.execute(sql`select setseed(${(options.seed ?? 0.42) / 2})`);
    await seedMessages(db, workspaceId, sentTotal, days);
    await seedDecisions(db, workspaceId);
    await seedEvents(db, workspaceId);
    await seedJobs(db, workspaceId);
  });
  await database.asSystem((db) => db.execute(sql`analyze`));

  const [counts] = await database.withWorkspace(workspaceId, (db) =>
    queryRows<SeedResult['counts']>(
      db,
      sql`select (select count(*)::int from prospects) as prospects,
                 (select count(*)::int from messages where direction = 'outbound' and state = 'sent') as sent,
                 (select count(*)::int from messages where direction = 'inbound') as inbound,
                 (select count(*)::int from ai_decisions) as decisions,
                 (select count(*)::int from meetings) as meetings,
                 (select count(*)::int from events) as events,
                 (select count(*)::int from jobs) as jobs`,
    ),
  );
  const campaignIds = await database.withWorkspace(workspaceId, async (db) =>
    (await queryRows<{ id: string }>(db, sql`select id from campaigns order by created_at, id`)).map((row) => row.id),
  );
  return { workspaceId, userId, campaignIds, counts: counts!, ms: Date.now() - started };
}

async function seedSettings(db: Db, workspaceId: string) {
  await db.execute(sql`
    insert into mailboxes (workspace_id, kind, from_name, from_email, smtp_host, smtp_port, status, paused_reason, daily_limit)
    select ${workspaceId}, 'smtp', 'Sales ' || g, 'sales' || g || '@outreach-' || (g % 3) || '.example', 'smtp.example', 587,
           (case when g = 1 then 'error' else 'active' end)::mailbox_status,
           case when g = 1 then 'SMTP authentication failed' end, 50
    from generate_series(1, 8) as g`);
  await db.execute(sql`
    insert into agents (workspace_id, name, personality, tone)
    values (${workspaceId}, ${DEMO_MARKS.agentNames[0]}, 'direct', 'friendly and brief'), (${workspaceId}, ${DEMO_MARKS.agentNames[1]}, 'consultative', 'warm and precise')`);
}

async function seedCampaigns(db: Db, workspaceId: string, count: number, userId: string | null) {
  await db.execute(sql`
    insert into campaigns (workspace_id, name, description, status, agent_id, created_by, started_at, created_at)
    select ${workspaceId}, (${textArray(CAMPAIGN_NAMES)})[1 + (g - 1) % ${CAMPAIGN_NAMES.length}] || case when g > ${CAMPAIGN_NAMES.length} then ' #' || g else '' end, 'Demo campaign ' || g,
           (case when g <= 6 then 'active' when g <= 8 then 'paused' when g = 9 then 'completed' when g = 10 then 'archived' else 'draft' end)::campaign_status,
           (select id from agents where is_default), ${userId},
           case when g <= 10 then now() - make_interval(days => 40 - g) end,
           now() - make_interval(days => greatest(1, 45 - g), hours => g)
    from generate_series(1, ${count}) as g`);
  await db.execute(sql`
    insert into campaign_mailboxes (workspace_id, campaign_id, mailbox_id)
    select ${workspaceId}, c.id, m.id from campaigns c join mailboxes m on m.kind = 'smtp' and m.from_email like '%@outreach-%.example' and (hashtext(c.id::text || m.id::text) % 3) = 0
    where c.${BENCH_CAMPAIGN}`);
}

async function seedProspects(db: Db, workspaceId: string, count: number) {
  await db.execute(sql`
    insert into prospects (workspace_id, first_name, last_name, full_name, email, title, company, company_domain, industry, location,
                           source, tags, stage, campaign_id, created_at, stage_changed_at, last_contacted_at, last_replied_at, custom_fields)
    select ${workspaceId}, fn, ln, fn || ' ' || ln,
           lower(translate(fn, 'éèëï', 'eeei') || '.' || ln || '.' || i || '@' || domain), title, company, domain, industry, location,
           (case when r_source < 0.6 then 'csv' when r_source < 0.9 then 'linkedin' else 'manual' end)::prospect_source,
           array[tag1, tag2, ${DEMO_TAG}], stage::prospect_stage,
           case when stage in ('new', 'enriched') and r_campaign < 0.5 then null
                else (select array_agg(id order by created_at, id) from campaigns where ${BENCH_CAMPAIGN})[1 + floor(r_campaign * (select count(*) from campaigns where ${BENCH_CAMPAIGN}))::int] end,
           created, created + (now() - created) * r_changed,
           case when stage not in ('new', 'enriched') then created + (now() - created) * r_changed end,
           case when stage in ('replied', 'interested', 'meeting_booked', 'won', 'lost') then created + (now() - created) * r_changed end,
           '{"seed": "demo"}'::jsonb
    from (
      select i, fn, ln, company, lower(replace(company, ' ', '')) || '.example' as domain,
             (${textArray(TITLES)})[1 + floor(random() * ${TITLES.length})::int] as title,
             (${textArray(INDUSTRIES)})[1 + floor(random() * ${INDUSTRIES.length})::int] as industry,
             (${textArray(LOCATIONS)})[1 + floor(random() * ${LOCATIONS.length})::int] as location,
             (${textArray(TAGS)})[1 + floor(random() * ${TAGS.length})::int] as tag1,
             (${textArray(TAGS)})[1 + floor(random() * ${TAGS.length})::int] as tag2,
             case when r < 0.35 then 'new' when r < 0.50 then 'enriched' when r < 0.80 then 'contacted' when r < 0.86 then 'replied'
                  when r < 0.89 then 'interested' when r < 0.91 then 'meeting_booked' when r < 0.92 then 'won' when r < 0.96 then 'lost'
                  when r < 0.98 then 'unsubscribed' else 'bounced' end as stage,
             r_source, r_campaign, r_changed, now() - random() * interval '60 days' as created
      from (
        select i, random() as r, random() as r_source, random() as r_campaign, random() as r_changed,
               (${textArray(FIRST)})[1 + floor(random() * ${FIRST.length})::int] as fn,
               (${textArray(LAST)})[1 + floor(random() * ${LAST.length})::int] as ln,
               (${textArray(COMPANIES)})[1 + floor(random() * ${COMPANIES.length})::int] as company
        from generate_series(1, ${count}) as i
      ) as raw
    ) as p`);
  await db.execute(sql`
    insert into enrollments (workspace_id, prospect_id, campaign_id, state, current_step, stopped_reason)
    select ${workspaceId}, id, campaign_id,
           (case when stage = 'contacted' then 'active' when stage in ('won', 'lost', 'meeting_booked') then 'finished' else 'stopped' end)::enrollment_state,
           1 + (hashtext(id::text) & 3), case when stage in ('replied', 'interested') then 'replied' when stage in ('bounced', 'unsubscribed') then stage::text end
    from prospects where ${BENCH_PROSPECT} and campaign_id is not null and stage not in ('new', 'enriched')`);
  // What enrichment found for everyone past "new": talking points, an opening line, a fit score.
  await db.execute(sql`
    insert into enrichments (workspace_id, prospect_id, talking_points, opening_line, fit_score, fit_reasons, timezone, language, provider, created_at)
    select ${workspaceId}, id, jsonb_build_array(company || ' is hiring in ' || coalesce(location, 'Europe'), 'Recent funding round'),
           'Saw that ' || company || ' is growing fast, congratulations.', 40 + (hashtext(id::text) & 63),
           jsonb_build_array('Title matches the ICP', coalesce(industry, 'Software') || ' is a target industry'), 'Europe/Paris', 'en', 'offline',
           created_at + interval '1 hour'
    from prospects where ${BENCH_PROSPECT} and stage <> 'new'`);
}

async function seedMessages(db: Db, workspaceId: string, sentTotal: number, days: number) {
  // Outbound mail, a little more of it recently (the workspace is growing), from the contacted pool.
  await db.execute(sql`
    with pool as (
      select id, campaign_id, email, first_name, company, row_number() over (order by id) as rn
      from prospects where ${BENCH_PROSPECT} and stage not in ('new', 'enriched') and campaign_id is not null and email is not null
    ), size as (select count(*) as n from pool),
    boxes as (select array_agg(id order by from_email) as ids, count(*) as n from mailboxes where kind = 'smtp')
    insert into messages (workspace_id, prospect_id, campaign_id, mailbox_id, direction, state, step_position, message_id_header,
                          from_email, to_email, subject, body_text, sent_at, created_at)
    select ${workspaceId}, pool.id, pool.campaign_id, boxes.ids[1 + (g % boxes.n)::int], 'outbound', 'sent', 1 + (g % 3),
           '<demo-out-' || g || '@outreach.example>', 'sales@outreach.example', pool.email,
           'Quick question about ' || pool.company, 'Hi ' || pool.first_name || ', a short note about ' || pool.company || '…', t.at, t.at
    from generate_series(1, ${sentTotal}) as g
    cross join size cross join boxes
    join pool on pool.rn = 1 + ((g::bigint * 7919) % size.n)
    cross join lateral (select now() - power(random(), 1.15) * make_interval(days => ${days}) as at, g as k) as t`);
  // A day of mail still waiting to go out.
  await db.execute(sql`
    insert into messages (workspace_id, prospect_id, campaign_id, direction, state, step_position, subject, body_text, scheduled_at)
    select ${workspaceId}, prospect_id, campaign_id, 'outbound', 'scheduled', 2, 'Following up', 'Just following up…', now() + random() * interval '1 day'
    from messages m where ${BENCH_MESSAGE} and direction = 'outbound' and state = 'sent' and random() < 0.03`);
  // Replies (5 %), auto-replies (1 %) and bounces (2.4 %) to that mail.
  await db.execute(sql`
    insert into messages (workspace_id, prospect_id, campaign_id, mailbox_id, direction, state, message_id_header, in_reply_to,
                          from_email, to_email, subject, body_text, is_bounce, is_auto_reply, received_at, created_at)
    select ${workspaceId}, prospect_id, campaign_id, mailbox_id, 'inbound', 'received', '<demo-in-' || id || '@mail.example>', message_id_header,
           case when kind = 'bounce' then 'mailer-daemon@mail.example' else to_email end, from_email,
           case when kind = 'bounce' then 'Undelivered Mail Returned to Sender' when kind = 'auto' then 'Out of office' else 'Re: ' || subject end,
           case when kind = 'bounce' then '550 5.1.1 User unknown' when kind = 'auto' then 'I am away until Monday.' else 'Thanks for reaching out — ' end,
           kind = 'bounce', kind = 'auto', at, at
    from (
      select m.*, case when r < 0.024 then 'bounce' when r < 0.034 then 'auto' else 'reply' end as kind,
             m.sent_at + random() * least(interval '36 hours', now() - m.sent_at) as at
      from (select *, random() as r from messages m where ${BENCH_MESSAGE} and direction = 'outbound' and state = 'sent') as m
      where r < 0.084
    ) as picked`);
}

async function seedDecisions(db: Db, workspaceId: string) {
  await db.execute(sql`
    insert into ai_decisions (workspace_id, message_id, prospect_id, agent_id, intent, confidence, reason, action, provider, model, created_at)
    select ${workspaceId}, id, prospect_id, (select id from agents where is_default), intent::reply_intent, 0.55 + random() * 0.44,
           'Classified from the reply text', (case intent when 'interested' then 'auto_reply' when 'meeting_request' then 'auto_reply'
             when 'question' then 'review' when 'not_interested' then 'stop' when 'not_now' then 'reschedule' when 'referral' then 'create_referral'
             when 'unsubscribe' then 'suppress' when 'out_of_office' then 'reschedule' else 'review' end)::decision_action,
           'offline', null, received_at + least(interval '1 minute', (now() - received_at) / 2)
    from (
      select m.*, case when is_auto_reply then 'out_of_office' when r < 0.22 then 'interested' when r < 0.32 then 'meeting_request'
                       when r < 0.50 then 'question' when r < 0.75 then 'not_interested' when r < 0.87 then 'not_now'
                       when r < 0.90 then 'referral' when r < 0.97 then 'unsubscribe' else 'other' end as intent
      from (select *, random() as r from messages m where ${BENCH_MESSAGE} and direction = 'inbound' and not is_bounce) as m
    ) as classified`);
  // Drafts waiting for a human: the recent ones are still pending, older ones were handled.
  await db.execute(sql`
    insert into review_items (workspace_id, decision_id, prospect_id, status, resolved_at, created_at)
    select ${workspaceId}, id, prospect_id,
           (case when created_at > now() - interval '30 hours' then 'pending' when random() < 0.7 then 'approved' when random() < 0.5 then 'edited' else 'rejected' end)::review_status,
           case when created_at <= now() - interval '30 hours' then created_at + interval '3 hours' end, created_at
    from ai_decisions d where action = 'review' and exists (select 1 from messages m where m.id = d.message_id and ${BENCH_MESSAGE})`);
  await db.execute(sql`
    insert into meetings (workspace_id, prospect_id, campaign_id, provider, external_id, title, attendee_email, starts_at, ends_at, status, created_at)
    select ${workspaceId}, d.prospect_id, m.campaign_id, 'calcom', 'demo-' || d.id, 'Intro call', m.from_email,
           d.created_at + interval '3 days', d.created_at + interval '3 days 30 minutes',
           (case when d.created_at + interval '3 days' < now() then 'completed' else 'scheduled' end)::meeting_status,
           d.created_at + least(interval '2 hours', (now() - d.created_at) / 2)
    from ai_decisions d join messages m on m.id = d.message_id
    where d.intent = 'meeting_request' and ${BENCH_MESSAGE} and random() < 0.6`);
}

async function seedEvents(db: Db, workspaceId: string) {
  // In time order, so event ids grow with time as they do in production.
  await db.execute(sql`
    insert into events (workspace_id, type, campaign_id, prospect_id, data, created_at)
    select ${workspaceId}, type, campaign_id, prospect_id, data, at from (
      select 'campaign.created' as type, id as campaign_id, null::uuid as prospect_id, jsonb_build_object('name', name) as data, created_at as at
        from campaigns where ${BENCH_CAMPAIGN}
      union all
      select 'message.sent', campaign_id, prospect_id, jsonb_build_object('messageId', id, 'subject', subject), sent_at
        from messages m where ${BENCH_MESSAGE} and direction = 'outbound' and state = 'sent'
      union all
      select 'message.received', campaign_id, prospect_id,
             jsonb_build_object('messageId', id, 'subject', subject, 'isBounce', is_bounce, 'isAutoReply', is_auto_reply), received_at
        from messages m where ${BENCH_MESSAGE} and direction = 'inbound'
      union all
      select 'ai.decision', m.campaign_id, d.prospect_id,
             jsonb_build_object('decisionId', d.id, 'intent', d.intent, 'action', d.action, 'confidence', round(d.confidence::numeric, 2)), d.created_at
        from ai_decisions d join messages m on m.id = d.message_id where ${BENCH_MESSAGE}
      union all
      select 'meeting.booked', campaign_id, prospect_id, jsonb_build_object('meetingId', id, 'startsAt', starts_at), created_at
        from meetings where external_id like 'demo-%'
      union all
      select 'prospect.stage_changed', campaign_id, id, jsonb_build_object('from', 'contacted', 'to', stage), stage_changed_at
        from prospects where ${BENCH_PROSPECT} and stage not in ('new', 'enriched', 'contacted')
    ) as all_events
    order by at`);
}

async function seedJobs(db: Db, workspaceId: string) {
  await db.execute(sql`
    insert into jobs (workspace_id, campaign_id, type, family, payload, state, attempts, max_attempts, progress, last_error, started_at, finished_at, created_at)
    select ${workspaceId}, (select id from campaigns where ${BENCH_CAMPAIGN} order by created_at, id limit 1), type, type::job_family, '{}'::jsonb, state::job_state,
           attempts, 3, progress, last_error, now() - ago, case when state in ('succeeded', 'failed') then now() - ago + interval '2 minutes' end, now() - ago
    from (values
      ('enrich', 'running', 1, '{"done": 640, "total": 1000, "label": "Enriching prospects"}'::jsonb, null, interval '5 minutes'),
      ('scrape', 'failed', 3, null, 'PhantomBuster answered 429 Too Many Requests', interval '3 hours'),
      ('send', 'failed', 3, null, 'SMTP connection timed out', interval '20 hours'),
      ('scrape', 'succeeded', 1, '{"done": 250, "total": 250}'::jsonb, null, interval '2 days'),
      ('enrich', 'succeeded', 1, '{"done": 250, "total": 250}'::jsonb, null, interval '2 days')
    ) as j(type, state, attempts, progress, last_error, ago)`);
}
