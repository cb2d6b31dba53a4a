import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { TextField } from '../../components/ui/Field.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Reminder = RouterOutputs['reminders']['forProspect']['items'][number];

/** A "not now" prospect's reminders: the day it comes back (change it, cancel it), or what became of it. */
export function ProspectReminders({ prospectId }: { prospectId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const reminders = trpc.reminders.forProspect.useQuery({ id: prospectId });
  const items = reminders.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h3 id={headingId} className="text-sm font-semibold text-ink">
        {t('reminder.title')}
      </h3>
      <ul className="space-y-2">
        {items.map((item) => (
          <ReminderRow key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function ReminderRow({ item }: { item: Reminder }) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const errorText = useErrorText({ date: t('reminder.newDay') });
  const [changing, setChanging] = useState(false);
  const [day, setDay] = useState(item.date ?? '');
  const dayInput = useRef<HTMLInputElement>(null);
  const dayText = (value: string | null) => (value ? formatDate(`${value}T00:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' }) : '');
  const refresh = () => Promise.all([utils.reminders.invalidate(), utils.prospects.invalidate()]);
  const reschedule = trpc.reminders.reschedule.useMutation({
    onSuccess: async (result) => {
      toast.success(t('reminder.saved', { date: dayText(result.date) }));
      setChanging(false);
      await refresh();
    },
  });
  // A refused day: back to the field, with its reason in view (the drawer may have it below the fold).
  const refused = reschedule.error !== null;
  useEffect(() => {
    if (!refused) return;
    dayInput.current?.focus();
    dayInput.current?.closest('li')?.scrollIntoView({ block: 'nearest' });
  }, [refused]);
  const cancel = trpc.reminders.cancel.useMutation({
    onSuccess: async () => {
      toast.success(t('reminder.cancelledToast'));
      await refresh();
    },
    onError: (error) => toast.error(errorText.message(error, t('reminder.cancel'))),
  });
  const date = dayText(item.date);
  if (item.status !== 'scheduled') {
    const text = item.status === 'due' ? t('reminder.due', { date }) : t('reminder.cancelled', { date });
    const why = item.status === 'cancelled' && item.cancelReason ? t(`reminder.cancelReason.${item.cancelReason}` as MessageKey) : null;
    return <li className="text-sm text-muted">{why ? `${text} · ${why}` : text}</li>;
  }
  return (
    <li className="rounded-lg border border-line px-4 py-3 text-sm">
      <p className="font-medium text-ink">{t('reminder.on', { date })}</p>
      {changing ? (
        // The picker greys out past days (`min`), but the server has the last word and says why,
        // in the user's language, beside the field (`noValidate`: no browser bubble instead).
        <form
          noValidate
          className="mt-2 flex flex-wrap items-start gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            reschedule.mutate({ id: item.id, date: day });
          }}
        >
          <TextField
            ref={dayInput}
            label={t('reminder.newDay')}
            type="date"
            value={day}
            min={new Date().toISOString().slice(0, 10)}
            required
            error={reschedule.error ? errorText.message(reschedule.error, t('reminder.change')) : undefined}
            onChange={(event) => {
              setDay(event.target.value);
              reschedule.reset();
            }}
          />
          {/* Level with the date box, below its label, whether or not an error shows under it. */}
          <div className="flex gap-2 pt-[1.875rem]">
            <Button type="submit" size="sm" loading={reschedule.isPending}>
              {t('reminder.save')}
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => {
                setChanging(false);
                setDay(item.date ?? '');
                reschedule.reset();
              }}
            >
              {t('reminder.keep')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={() => setChanging(true)}>
            {t('reminder.change')}
          </Button>
          <Button size="sm" variant="ghost" loading={cancel.isPending} onClick={() => cancel.mutate({ id: item.id })}>
            {t('reminder.cancel')}
          </Button>
        </div>
      )}
    </li>
  );
}
