import { useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { ButtonLink } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { ScrollRow } from '../../components/ui/ScrollRow.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { PROSPECT_STAGES, type ProspectStage } from '../../../shared/enums.js';
import { stageKey } from '../prospects/prospect-ui.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Board = RouterOutputs['dashboard']['kanban'];
type Card = Board[number]['cards'][number];

const PER_COLUMN = 6;
const BOARD_INPUT = { perColumn: PER_COLUMN };
const DRAG_TYPE = 'application/x-sales-machine-prospect';

const STAGE_DOT: Record<ProspectStage, string> = {
  new: 'bg-subtle',
  enriched: 'bg-brand-500',
  contacted: 'bg-brand-600',
  replied: 'bg-warning-600',
  interested: 'bg-success-600',
  meeting_booked: 'bg-success-600',
  won: 'bg-success-600',
  lost: 'bg-muted',
  unsubscribed: 'bg-muted',
  bounced: 'bg-danger-600',
};

/** The board after moving `card` from `from` to `to`: out of one column, on top of the other. */
function moveCard(board: Board, card: Card, from: ProspectStage, to: ProspectStage): Board {
  return board.map((column) => {
    if (column.stage === from) return { ...column, total: Math.max(0, column.total - 1), cards: column.cards.filter((c) => c.id !== card.id) };
    if (column.stage === to) return { ...column, total: column.total + 1, cards: [{ ...card, stageChangedAt: new Date() }, ...column.cards].slice(0, PER_COLUMN) };
    return column;
  });
}

function ProspectCard({ card, stage, onMove, onDragStart }: { card: Card; stage: ProspectStage; onMove: (to: ProspectStage) => void; onDragStart: () => void }) {
  const { t, formatRelative } = useI18n();
  return (
    <li
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, card.id);
        event.dataTransfer.setData('text/plain', card.name);
        event.dataTransfer.effectAllowed = 'move';
        onDragStart();
      }}
      data-prospect-id={card.id}
      className="group relative cursor-grab rounded-lg border border-line bg-panel p-3 shadow-sm transition-shadow hover:shadow-md active:cursor-grabbing"
    >
      <p className="truncate text-sm font-medium text-ink">{card.name}</p>
      {(card.title || card.company) && <p className="truncate text-xs text-muted">{[card.title, card.company].filter(Boolean).join(' · ')}</p>}
      <div className="mt-2 flex items-center justify-between gap-2">
        <span className="truncate text-[11px] text-subtle">
          {card.campaignName && card.campaignId ? (
            <Link to={`/campaigns/${card.campaignId}`} className="hover:text-brand-700 hover:underline" draggable={false}>
              {card.campaignName}
            </Link>
          ) : (
            formatRelative(card.stageChangedAt)
          )}
        </span>
        <label className="shrink-0">
          <span className="sr-only">{t('dashboard.pipeline.moveLabel', { name: card.name })}</span>
          <select
            value=""
            onChange={(event) => event.target.value && onMove(event.target.value as ProspectStage)}
            className="h-6 max-w-24 rounded border border-line bg-surface px-1 text-[11px] text-muted hover:text-ink focus:text-ink"
          >
            <option value="">{t('dashboard.pipeline.moveTo')}</option>
            {PROSPECT_STAGES.filter((s) => s !== stage).map((s) => (
              <option key={s} value={s}>
                {t(stageKey(s))}
              </option>
            ))}
          </select>
        </label>
      </div>
    </li>
  );
}

/**
 * The pipeline by stage from real prospects. Moving a card — by dragging it, or with its
 * "Move to…" select from the keyboard — updates the board at once, asks the server, and rolls
 * back with an error toast if the server refuses.
 */
export function PipelineBoard() {
  const { t, tp, formatNumber } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const board = trpc.dashboard.kanban.useQuery(BOARD_INPUT);
  const [dragging, setDragging] = useState<{ card: Card; from: ProspectStage } | null>(null);
  const [over, setOver] = useState<ProspectStage | null>(null);

  const move = trpc.dashboard.moveProspect.useMutation({
    onMutate: async ({ prospectId, stage }) => {
      await utils.dashboard.kanban.cancel(BOARD_INPUT);
      const previous = utils.dashboard.kanban.getData(BOARD_INPUT);
      const from = previous?.find((column) => column.cards.some((c) => c.id === prospectId));
      const card = from?.cards.find((c) => c.id === prospectId);
      if (previous && from && card) utils.dashboard.kanban.setData(BOARD_INPUT, moveCard(previous, card, from.stage, stage));
      return { previous, name: card?.name ?? '' };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) utils.dashboard.kanban.setData(BOARD_INPUT, context.previous);
      toast.error(t('dashboard.pipeline.moveFailed', { name: context?.name ?? '', reason: errorText.message(error, t('error.title')) }));
    },
    onSuccess: (_result, { stage }, context) => toast.success(t('dashboard.pipeline.moved', { name: context.name, stage: t(stageKey(stage)) })),
    onSettled: () => {
      void utils.dashboard.kanban.invalidate();
      void utils.dashboard.stats.invalidate();
    },
  });

  function requestMove(card: Card, from: ProspectStage, to: ProspectStage) {
    if (from !== to) move.mutate({ prospectId: card.id, stage: to });
  }

  function drop(event: DragEvent, to: ProspectStage) {
    event.preventDefault();
    setOver(null);
    if (dragging) requestMove(dragging.card, dragging.from, to);
    setDragging(null);
  }

  const empty = board.data?.every((column) => column.total === 0);
  return (
    <Card>
      <CardHeader title={t('dashboard.pipeline.title')} description={t('dashboard.pipeline.subtitle')} />
      {board.isPending ? (
        <div role="status" aria-label={t('dashboard.pipeline.loading')} className="flex gap-3 overflow-hidden p-4">
          {[0, 1, 2, 3, 4].map((i) => (
            <Skeleton key={i} className="h-72 w-60 shrink-0" />
          ))}
        </div>
      ) : board.error ? (
        <ErrorState message={t('dashboard.pipeline.error')} onRetry={() => void board.refetch()} />
      ) : empty ? (
        <EmptyState
          title={t('dashboard.pipeline.empty.title')}
          body={t('dashboard.pipeline.empty.body')}
          action={<ButtonLink to="/prospects/import">{t('dashboard.pipeline.import')}</ButtonLink>}
        />
      ) : (
        <ScrollRow className="p-4" label={t('dashboard.pipeline.scrollHint')} previousLabel={t('dashboard.pipeline.scrollBack')} nextLabel={t('dashboard.pipeline.scrollMore')}>
          <div className="flex min-w-max gap-2">
            {board.data.map((column) => {
              const label = t(stageKey(column.stage));
              return (
                <section
                  key={column.stage}
                  aria-label={tp('dashboard.pipeline.column', column.total, { stage: label })}
                  data-stage={column.stage}
                  onDragOver={(event) => {
                    if (!dragging) return;
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    setOver(column.stage);
                  }}
                  onDragLeave={() => setOver((current) => (current === column.stage ? null : current))}
                  onDrop={(event) => drop(event, column.stage)}
                  className={cx(
                    // Narrower from xl on, so about six stages fit at 1440 px; the rest is a scroll away.
                    'flex w-56 shrink-0 flex-col rounded-xl border bg-surface/70 transition-colors xl:w-44',
                    over === column.stage && dragging?.from !== column.stage ? 'border-brand-500 bg-brand-50/60' : 'border-transparent',
                  )}
                >
                  <header className="flex items-center justify-between gap-2 px-3 pt-3 pb-2">
                    <h3 className="flex items-center gap-2 text-sm font-semibold text-ink">
                      <span className={cx('size-2 rounded-full', STAGE_DOT[column.stage])} aria-hidden="true" />
                      {label}
                    </h3>
                    <span className="rounded-full bg-panel px-2 py-0.5 text-xs font-medium text-muted tabular-nums ring-1 ring-line">{formatNumber(column.total)}</span>
                  </header>
                  <ul className="flex min-h-24 flex-1 flex-col gap-2 px-2 pb-2">
                    {column.cards.map((card) => (
                      <ProspectCard
                        key={card.id}
                        card={card}
                        stage={column.stage}
                        onMove={(to) => requestMove(card, column.stage, to)}
                        onDragStart={() => setDragging({ card, from: column.stage })}
                      />
                    ))}
                    {column.cards.length === 0 && (
                      <li className="flex flex-1 items-center justify-center rounded-lg border border-dashed border-line px-3 py-6 text-center text-xs text-subtle">
                        {t('dashboard.pipeline.emptyColumn')}
                      </li>
                    )}
                  </ul>
                  {column.total > column.cards.length && (
                    <Link to={`/prospects?stage=${column.stage}`} className="mx-2 mb-2 rounded-md px-2 py-1.5 text-center text-xs font-medium text-brand-700 hover:bg-panel">
                      {t('dashboard.pipeline.more', { count: formatNumber(column.total - column.cards.length) })}
                    </Link>
                  )}
                </section>
              );
            })}
          </div>
        </ScrollRow>
      )}
    </Card>
  );
}
