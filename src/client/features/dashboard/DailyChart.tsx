import { useId } from 'react';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { useI18n } from '../../i18n/index.js';

/** One day of the chart (the dashboard's series, or a report's). */
type Point = { day: string; sent: number; replies: number };

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 40, bottom: 28, left: 40 };

/** An axis maximum split into 4 whole, round steps (0, 120, 240, 360, 480 rather than 0, 125, …). */
function niceMax(value: number): number {
  const quarter = Math.max(1, value / 4);
  const power = 10 ** Math.floor(Math.log10(quarter));
  for (const factor of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const step = factor * power;
    if (Number.isInteger(step) && step >= quarter) return step * 4;
  }
  return 40 * power;
}

/**
 * Sends (bars, left axis) and replies (line, right axis) per day, drawn in SVG. Screen readers get
 * a one-sentence summary on the image and the full numbers in a visually hidden table; each day
 * shows its numbers on hover.
 */
export function DailyChart({ daily, title, description }: { daily: Point[]; title?: string; description?: string }) {
  const { t, tp, formatNumber, formatDate } = useI18n();
  const tableId = useId();
  const totalSent = daily.reduce((sum, point) => sum + point.sent, 0);
  const totalReplies = daily.reduce((sum, point) => sum + point.replies, 0);
  const busiest = daily.reduce<Point | undefined>((best, point) => (!best || point.sent > best.sent ? point : best), undefined);
  const sentMax = niceMax(Math.max(...daily.map((point) => point.sent), 0));
  const replyMax = niceMax(Math.max(...daily.map((point) => point.replies), 0));
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerWidth / Math.max(daily.length, 1);
  const barWidth = Math.max(2, slot * 0.62);
  const x = (index: number) => PAD.left + index * slot + slot / 2;
  const ySent = (value: number) => PAD.top + innerHeight - (value / sentMax) * innerHeight;
  const yReply = (value: number) => PAD.top + innerHeight - (value / replyMax) * innerHeight;
  const dayLabel = (day: string) => formatDate(`${day}T12:00:00`, { day: 'numeric', month: 'short' });
  const summary =
    totalSent === 0
      ? t('dashboard.chart.emptySummary')
      : t('dashboard.chart.summary', {
          sent: formatNumber(totalSent),
          replies: formatNumber(totalReplies),
          day: busiest ? dayLabel(busiest.day) : '',
          max: formatNumber(busiest?.sent ?? 0),
        });
  const replyPath = daily.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${yReply(point.replies).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  // A date under every 5th bar for a month; sparser for longer ranges.
  const labelEvery = Math.max(5, Math.ceil(daily.length / 6));

  return (
    <Card className="flex h-full flex-col">
      <CardHeader
        title={title ?? t('dashboard.chart.title')}
        description={description ?? t('dashboard.chart.subtitle')}
        actions={
          <div className="flex items-center gap-4 text-xs text-muted" aria-hidden="true">
            <span className="flex items-center gap-1.5">
              <span className="size-2.5 rounded-sm bg-brand-500" />
              {t('dashboard.chart.sent')}
            </span>
            <span className="flex items-center gap-1.5">
              <span className="h-0.5 w-3 rounded bg-success-600" />
              {t('dashboard.chart.replies')}
            </span>
          </div>
        }
      />
      <div className="relative flex-1 px-3 pt-3 pb-2">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={summary}>
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + innerHeight * (1 - tick)} y2={PAD.top + innerHeight * (1 - tick)} stroke="var(--color-line)" strokeDasharray={tick === 0 ? undefined : '3 4'} />
              <text x={PAD.left - 8} y={PAD.top + innerHeight * (1 - tick) + 4} textAnchor="end" fontSize="11" fill="var(--color-subtle)">
                {formatNumber(Math.round(sentMax * tick))}
              </text>
              <text x={WIDTH - PAD.right + 8} y={PAD.top + innerHeight * (1 - tick) + 4} textAnchor="start" fontSize="11" fill="var(--color-success-600)" opacity="0.8">
                {formatNumber(Math.round(replyMax * tick))}
              </text>
            </g>
          ))}
          {daily.map((point, index) => (
            <g key={point.day}>
              <title>{tp('dashboard.chart.tooltip', point.replies, { day: dayLabel(point.day), sent: formatNumber(point.sent) })}</title>
              <rect x={x(index) - slot / 2} y={PAD.top} width={slot} height={innerHeight} fill="transparent" className="hover:fill-brand-50" />
              <rect
                x={x(index) - barWidth / 2}
                y={ySent(point.sent)}
                width={barWidth}
                height={Math.max(0, PAD.top + innerHeight - ySent(point.sent))}
                rx="2"
                fill={index === daily.length - 1 ? 'var(--color-brand-600)' : 'var(--color-brand-500)'}
                opacity={index === daily.length - 1 ? 1 : 0.85}
              />
              {(index % labelEvery === labelEvery - 1 || index === daily.length - 1) && (
                <text x={x(index)} y={HEIGHT - 8} textAnchor="middle" fontSize="11" fill="var(--color-subtle)">
                  {dayLabel(point.day)}
                </text>
              )}
            </g>
          ))}
          {totalReplies > 0 && (
            <>
              <path d={replyPath} fill="none" stroke="var(--color-success-600)" strokeWidth="2" strokeLinejoin="round" pointerEvents="none" />
              {daily.map((point, index) => (
                <circle key={point.day} cx={x(index)} cy={yReply(point.replies)} r="2.5" fill="var(--color-panel)" stroke="var(--color-success-600)" strokeWidth="1.5" pointerEvents="none" />
              ))}
            </>
          )}
        </svg>
        {totalSent === 0 && (
          <p className="absolute inset-x-0 top-1/2 mx-auto max-w-sm -translate-y-1/2 rounded-lg bg-panel/90 px-4 py-2 text-center text-sm text-muted">{t('dashboard.chart.empty')}</p>
        )}
        <table id={tableId} className="sr-only">
          <caption>{title ?? t('dashboard.chart.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.chart.day')}</th>
              <th scope="col">{t('dashboard.chart.sent')}</th>
              <th scope="col">{t('dashboard.chart.replies')}</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((point) => (
              <tr key={point.day}>
                <th scope="row">{dayLabel(point.day)}</th>
                <td>{point.sent}</td>
                <td>{point.replies}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
