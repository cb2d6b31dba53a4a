import { useIsAdmin } from '../../app/session.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';

/** For admins whose onboarding is not finished: a way back to the wizard, never a trap. */
export function SetupBanner() {
  const { t } = useI18n();
  const isAdmin = useIsAdmin();
  const utils = trpc.useUtils();
  const state = trpc.workspace.onboarding.state.useQuery(undefined, { enabled: isAdmin });
  const dismiss = trpc.workspace.onboarding.complete.useMutation({ onSuccess: () => utils.workspace.onboarding.state.invalidate() });
  if (!isAdmin || !state.data || state.data.completed) return null;
  return (
    <section aria-labelledby="setup-banner-title" className="mb-6 flex flex-wrap items-center justify-between gap-4 rounded-card border border-brand-100 bg-brand-50 px-5 py-4">
      <div>
        <h2 id="setup-banner-title" className="text-sm font-semibold text-brand-700">
          {t('dashboard.setup.title')}
        </h2>
        <p className="mt-0.5 text-sm text-muted">{t('dashboard.setup.body', { step: state.data.step })}</p>
      </div>
      <div className="flex items-center gap-2">
        <Button variant="ghost" size="sm" loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
          {t('dashboard.setup.dismiss')}
        </Button>
        <ButtonLink to="/onboarding" size="sm">
          {t('dashboard.setup.resume')}
        </ButtonLink>
      </div>
    </section>
  );
}
