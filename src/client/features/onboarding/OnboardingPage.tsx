import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { CheckIcon } from '../../components/ui/icons.js';
import { Navigate, useNavigate } from 'react-router';
import { Brand } from '../../app/Brand.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { useIsAdmin, useSession } from '../../app/session.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { Card } from '../../components/ui/Card.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { SkipLink } from '../../components/ui/SkipLink.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { AgentStep } from './steps/AgentStep.js';
import { CampaignStep } from './steps/CampaignStep.js';
import { IcpStep } from './steps/IcpStep.js';
import { MailboxStep } from './steps/MailboxStep.js';
import { WorkspaceStep } from './steps/WorkspaceStep.js';
import type { StepProps } from './WizardFrame.js';
import { WizardProgress } from './WizardProgress.js';
import { useErrorText } from '../../lib/useErrorText.js';

type OnboardingState = RouterOutputs['workspace']['onboarding']['state'];

const STEPS: { component: ComponentType<StepProps>; title: MessageKey; description: MessageKey }[] = [
  { component: WorkspaceStep, title: 'onboarding.step1.title', description: 'onboarding.step1.description' },
  { component: IcpStep, title: 'onboarding.step2.title', description: 'onboarding.step2.description' },
  { component: MailboxStep, title: 'onboarding.step3.title', description: 'onboarding.step3.description' },
  { component: AgentStep, title: 'onboarding.step4.title', description: 'onboarding.step4.description' },
  { component: CampaignStep, title: 'onboarding.step5.title', description: 'onboarding.step5.description' },
];

function Shell({ children, onLater }: { children: ReactNode; onLater?: () => void }) {
  const t = useT();
  const session = useSession();
  return (
    <div className="min-h-screen bg-gradient-to-b from-brand-50/70 to-surface">
      <SkipLink />
      <header className="border-b border-line/70 bg-panel/80 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3 sm:px-6">
          <Brand to="/dashboard" compact />
          <span className="hidden text-sm text-muted sm:inline">{t('onboarding.header', { workspace: session.workspace.name })}</span>
          <div className="ml-auto flex items-center gap-2">
            <LanguageSwitch persist />
            {onLater && (
              <Button variant="ghost" size="sm" onClick={onLater}>
                {t('onboarding.later')}
              </Button>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:py-10">
        {children}
      </main>
    </div>
  );
}

function Completed({ onReview }: { onReview: () => void }) {
  const t = useT();
  return (
    <Card className="mx-auto max-w-xl px-8 py-10 text-center">
      <span aria-hidden="true" className="mx-auto flex size-12 items-center justify-center rounded-full bg-success-50 text-success-700">
        <CheckIcon className="size-6" />
      </span>
      <h1 className="mt-4 text-2xl font-semibold text-ink">{t('onboarding.completed.title')}</h1>
      <p className="mt-2 text-sm text-muted">{t('onboarding.completed.body')}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <ButtonLink to="/dashboard">{t('onboarding.completed.dashboard')}</ButtonLink>
        <Button variant="secondary" onClick={onReview}>
          {t('onboarding.completed.review')}
        </Button>
      </div>
    </Card>
  );
}

/**
 * The five-step setup wizard shown after sign-up. Progress lives on the workspace, so a reload or
 * another browser resumes at the same step; every step can be skipped. Admins only: members have
 * nothing to set up and go to the dashboard.
 */
export function OnboardingPage() {
  const isAdmin = useIsAdmin();
  if (!isAdmin) return <Navigate to="/dashboard" replace />;
  return <Wizard />;
}

function Wizard() {
  const t = useT();
  const errorText = useErrorText();
  const toast = useToast();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const state = trpc.workspace.onboarding.state.useQuery();
  const [reviewing, setReviewing] = useState(false);
  const [reached, setReached] = useState(1);
  const [pendingOutcome, setPendingOutcome] = useState<'done' | 'skipped' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = state.data?.step ?? 1;

  const apply = (next: OnboardingState) => utils.workspace.onboarding.state.setData(undefined, next);
  const finish = trpc.workspace.onboarding.finishStep.useMutation({
    onSuccess: (next, input) => {
      apply(next);
      setPendingOutcome(null);
      if (input.step === STEPS.length) {
        toast.success(t('onboarding.done'));
        void navigate('/dashboard');
      }
    },
    onError: (error) => {
      setPendingOutcome(null);
      toast.error(errorText.message(error, t('onboarding.saveFailed')));
    },
  });
  const goTo = trpc.workspace.onboarding.goTo.useMutation({
    onSuccess: apply,
    onError: (error) => toast.error(errorText.message(error, t('onboarding.saveFailed'))),
  });

  // The furthest step seen this visit: the steps before it show as done.
  if (step > reached) setReached(step);
  // Each new step is announced and keyboard focus starts at its title.
  useEffect(() => heading.current?.focus(), [step]);

  if (state.isPending) {
    return (
      <Shell>
        <div role="status" aria-label={t('common.loading')} className="grid gap-8 lg:grid-cols-[15rem_1fr]">
          <Skeleton className="h-72 w-full" />
          <Skeleton className="h-96 w-full" />
        </div>
      </Shell>
    );
  }
  if (state.error) {
    return (
      <Shell>
        <ErrorState message={errorText.message(state.error, t('onboarding.loadFailed'))} onRetry={() => void state.refetch()} />
      </Shell>
    );
  }
  if (state.data.completed && !reviewing) {
    return (
      <Shell>
        <Completed onReview={() => setReviewing(true)} />
      </Shell>
    );
  }

  const current = STEPS[step - 1]!;
  const StepComponent = current.component;
  const move = (outcome: 'done' | 'skipped') => {
    setPendingOutcome(outcome);
    finish.mutate({ step, outcome });
  };
  const props: StepProps = {
    onDone: () => move('done'),
    onSkip: () => move('skipped'),
    onBack: step > 1 ? () => goTo.mutate({ step: step - 1 }) : undefined,
    moving: pendingOutcome === 'done' || goTo.isPending,
    skipping: pendingOutcome === 'skipped',
  };

  return (
    <Shell onLater={() => void navigate('/dashboard')}>
      <div className="grid items-start gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <aside className="lg:sticky lg:top-8">
          <WizardProgress
            step={step}
            skipped={state.data.skipped}
            reached={Math.max(reached, state.data.completed ? STEPS.length + 1 : 1)}
            onSelect={(n) => goTo.mutate({ step: n })}
            disabled={goTo.isPending || finish.isPending}
          />
        </aside>
        <Card className="overflow-hidden">
          <div className="border-b border-line px-5 py-5">
            <p className="text-xs font-semibold tracking-wide text-brand-600 uppercase">{t('onboarding.progress.stepOf', { step, total: STEPS.length })}</p>
            <h1 ref={heading} tabIndex={-1} className="mt-1 text-xl font-semibold text-ink focus:outline-none">
              {t(current.title)}
            </h1>
            <p className="mt-1 text-sm text-muted">{t(current.description)}</p>
          </div>
          <StepComponent key={step} {...props} />
        </Card>
      </div>
    </Shell>
  );
}
