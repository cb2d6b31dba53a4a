import { sql } from 'drizzle-orm';
import { PROSPECT_STAGES, type ProspectStage } from '../../shared/enums.js';
import { queryRows, type Db } from '../db/database.js';
import { prospectDisplayName } from '../db/prospect-display-name.js';

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
 * inner ORDER BY spells `desc nulls last` so it matches `prospects_stage_changed_idx` (Postgres's
 * default for DESC is NULLS FIRST, which would not); stages with no prospects are skipped so an
 * empty column never scans anything.
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
              select prospects.id, prospects.company, prospects.title, prospects.email, prospects.campaign_id, prospects.stage_changed_at,
                     ${prospectDisplayName} as name
              from prospects
              where prospects.workspace_id = ${workspaceId} and prospects.stage = s.stage
              order by prospects.stage_changed_at desc nulls last, prospects.id desc nulls last
              limit ${perColumn}
            ) as top
            left join campaigns c on c.id = top.campaign_id
            order by s.stage, top.stage_changed_at desc, top.id desc`,
      )
    : [];
  const cardsOf = new Map<ProspectStage, KanbanCard[]>();
  for (const card of cards) {
    const column = cardsOf.get(card.stage) ?? [];
    column.push({
      id: card.id,
      name: card.name ?? '—',
      company: card.company,
      title: card.title,
      email: card.email,
      campaignId: card.campaign_id,
      campaignName: card.campaign_name,
      stageChangedAt: new Date(card.stage_changed_at),
    });
    cardsOf.set(card.stage, column);
  }
  return PROSPECT_STAGES.map((stage) => ({ stage, total: totals.get(stage) ?? 0, cards: cardsOf.get(stage) ?? [] }));
}
