import { sql } from 'drizzle-orm';
import { PROSPECT_STAGES, type ProspectStage } from '../../shared/enums.js';
import { queryRows, type Db } from '../db/database.js';

export type KanbanCard = {
  id: string;
  name: string;
  company: string | null;
  title: string | null;
  email: string | null;
  campaignId: string | null;
  campaignName: string | null;
  stageChangedAt: Date;
};
export type KanbanColumn = { stage: ProspectStage; total: number; cards: KanbanCard[] };

/**
 * The pipeline: every stage with its total and its `perColumn` most recently moved prospects.
 * Cards are ordered by `stage_changed_at` (a card dragged into a column shows at its top). The
 * ORDER BY spells `desc nulls last` so it matches the (…, desc) indexes drizzle creates; stages
 * with no prospects are skipped so an empty column never scans anything.
 */
export async function getKanban(db: Db, workspaceId: string, perColumn: number): Promise<KanbanColumn[]> {
  const counts = await queryRows<{ stage: ProspectStage; n: number }>(
    db,
    sql`select stage, count(*)::int as n from prospects where workspace_id = ${workspaceId} group by stage`,
  );
  const totals = new Map(counts.map((row) => [row.stage, Number(row.n)]));
  const nonEmpty = PROSPECT_STAGES.filter((stage) => (totals.get(stage) ?? 0) > 0);
  const cards = nonEmpty.length
    ? await queryRows<{
        stage: ProspectStage;
        id: string;
        name: string | null;
        company: string | null;
        title: string | null;
        email: string | null;
        campaign_id: string | null;
        campaign_name: string | null;
        stage_changed_at: string | Date;
      }>(
        db,
        sql`select s.stage, top.*, c.name as campaign_name
            from unnest(array[${sql.join(
              nonEmpty.map((stage) => sql`${stage}`),
              sql`, `,
            )}]::prospect_stage[]) as s(stage)
            cross join lateral (
              select p.id, p.company, p.title, p.email, p.campaign_id, p.stage_changed_at,
                     coalesce(nullif(p.full_name, ''), nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), '')) as name
              from prospects p
              where p.workspace_id = ${workspaceId} and p.stage = s.stage
              order by p.stage_changed_at desc nulls last, p.id desc nulls last
              limit ${perColumn}
            ) as top
            left join campaigns c on c.id = top.campaign_id`,
      )
    : [];
  return PROSPECT_STAGES.map((stage) => ({
    stage,
    total: totals.get(stage) ?? 0,
    cards: cards
      .filter((card) => card.stage === stage)
      .sort((a, b) => new Date(b.stage_changed_at).getTime() - new Date(a.stage_changed_at).getTime() || (a.id < b.id ? 1 : -1))
      .map((card) => ({
        id: card.id,
        name: card.name ?? card.email ?? '—',
        company: card.company,
        title: card.title,
        email: card.email,
        campaignId: card.campaign_id,
        campaignName: card.campaign_name,
        stageChangedAt: new Date(card.stage_changed_at),
      })),
  }));
}
