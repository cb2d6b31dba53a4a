import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../../components/ui/Alert.js';
import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { TextField } from '../../components/ui/Field.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Search = NonNullable<RouterOutputs['campaigns']['get']['linkedinSearch']>;
type Mode = 'icp' | 'url';

function BuiltSearch({ url, dropped, fromIcp }: { url: string; dropped: string[]; fromIcp: boolean }) {
  const { t } = useI18n();
  return (
    <div className="space-y-1 rounded-lg border border-line bg-surface px-3 py-2">
      <p className="text-xs font-medium text-muted">{t('linkedinSearch.built')}</p>
      <a href={url} target="_blank" rel="noreferrer noopener" className="block break-all font-mono text-xs text-brand-700 underline-offset-2 hover:underline" data-testid="linkedin-search-url">
        {decodeURIComponent(url)}
      </a>
      {fromIcp && <p className="text-xs text-muted">{t('linkedinSearch.builtFromIcp')}</p>}
      {dropped.length > 0 && <p className="text-xs text-warning-700">{t('linkedinSearch.dropped', { terms: dropped.join(', ') })}</p>}
    </div>
  );
}

function SearchForm({ campaignId, current, onDone }: { campaignId: string; current: Search | null; onDone: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const errorText = useErrorText({ agentId: t('linkedinSearch.agent'), searchUrl: t('linkedinSearch.url'), maxProfiles: t('linkedinSearch.maxProfiles') });
  const modeName = useId();
  const [agentId, setAgentId] = useState(current?.agentId ?? '');
  const [mode, setMode] = useState<Mode>(current?.searchUrl ? 'url' : 'icp');
  const [searchUrl, setSearchUrl] = useState(current?.searchUrl ?? '');
  const [maxProfiles, setMaxProfiles] = useState(String(current?.maxProfiles ?? 100));
  const update = trpc.campaigns.update.useMutation({
    onSuccess: async (_data, variables) => {
      toast.success(variables.linkedinSearch === null ? t('linkedinSearch.removed') : t('linkedinSearch.saved'));
      await Promise.all([utils.campaigns.get.invalidate({ id: campaignId }), utils.scraping.invalidate(), utils.launch.invalidate()]);
      onDone();
    },
    onError: (error) => toast.error(errorText.message(error, t('linkedinSearch.saveFailed'))),
  });
  const fields = update.error ? errorText.fields(update.error) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: campaignId, linkedinSearch: { agentId: agentId.trim(), searchUrl: mode === 'url' ? searchUrl.trim() : null, maxProfiles: Number(maxProfiles) } });
  };
  return (
    <form onSubmit={submit} className="space-y-4" aria-label={t('linkedinSearch.title')}>
      <TextField label={t('linkedinSearch.agent')} hint={t('linkedinSearch.agentHint')} value={agentId} onChange={(e) => setAgentId(e.target.value)} required inputMode="numeric" error={fields['linkedinSearch.agentId']} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">{t('linkedinSearch.mode')}</legend>
        {(['icp', 'url'] as const).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm text-ink">
            <input type="radio" name={modeName} value={value} checked={mode === value} onChange={() => setMode(value)} className="size-4 accent-brand-600" />
            {t(`linkedinSearch.mode.${value}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'url' && (
        <TextField label={t('linkedinSearch.url')} type="url" value={searchUrl} onChange={(e) => setSearchUrl(e.target.value)} required placeholder="https://www.linkedin.com/sales/search/people?query=…" error={fields['linkedinSearch.searchUrl']} />
      )}
      <TextField label={t('linkedinSearch.maxProfiles')} hint={t('linkedinSearch.maxProfilesHint')} type="number" min={1} max={2500} value={maxProfiles} onChange={(e) => setMaxProfiles(e.target.value)} required error={fields['linkedinSearch.maxProfiles']} />
      <div className="flex flex-wrap justify-end gap-2">
        {current && (
          <Button type="button" variant="danger-ghost" disabled={update.isPending} onClick={() => update.mutate({ id: campaignId, linkedinSearch: null })}>
            {t('linkedinSearch.remove')}
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={update.isPending}>
          {t('linkedinSearch.save')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The campaign's LinkedIn search: the PhantomBuster agent, the search (a pasted URL, or built from
 * the ICP — shown before any launch), the profiles per scrape; set up or changed in place.
 */
export function LinkedinSearchCard({ campaignId, search, readOnly }: { campaignId: string; search: Search | null; readOnly: boolean }) {
  const { t, formatNumber } = useI18n();
  const [editing, setEditing] = useState(false);
  const preview = trpc.scraping.searchPreview.useQuery({ id: campaignId });
  const p = preview.data;
  return (
    <Card>
      <CardHeader
        title={t('linkedinSearch.title')}
        description={t('linkedinSearch.subtitle')}
        actions={!readOnly && !editing && <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>{t('linkedinSearch.edit')}</Button>}
      />
      <div className="space-y-3 px-5 py-4">
        {editing ? (
          <SearchForm campaignId={campaignId} current={search} onDone={() => setEditing(false)} />
        ) : !search ? (
          <p className="text-sm text-muted">{t('linkedinSearch.none')}</p>
        ) : (
          <dl className="space-y-2 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-muted">{t('linkedinSearch.agent')}</dt>
              <dd className="font-mono text-ink">{search.agentId}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-muted">{t('linkedinSearch.mode')}</dt>
              <dd className="text-ink">{search.searchUrl ? t('linkedinSearch.mode.url') : t('linkedinSearch.mode.icp')}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-muted">{t('linkedinSearch.maxProfiles')}</dt>
              <dd className="text-ink">{formatNumber(search.maxProfiles)}</dd>
            </div>
          </dl>
        )}
        {preview.isPending && search ? (
          <Skeleton className="h-12 w-full" />
        ) : p && search && !editing ? (
          <>
            {p.searchUrl ? <BuiltSearch url={p.searchUrl} dropped={p.dropped} fromIcp={p.source === 'icp'} /> : <Alert tone="warning">{t('linkedinSearch.noIcp')}</Alert>}
            {!p.hasApiKey && <Alert tone="warning">{t('linkedinSearch.noKey')}</Alert>}
          </>
        ) : null}
        {editing && p?.source !== 'campaign' && p?.searchUrl && <BuiltSearch url={p.searchUrl} dropped={p.dropped} fromIcp />}
      </div>
    </Card>
  );
}
