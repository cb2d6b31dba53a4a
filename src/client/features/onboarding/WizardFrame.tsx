import type { ReactNode } from 'react';
import { Button } from '../../components/ui/Button.js';
import { useT } from '../../i18n/index.js';

/** What the page gives each step: how to move on, and whether a move is in flight. */
export type StepProps = {
  onDone: () => void;
  onSkip: () => void;
  onBack?: () => void;
  moving: boolean;
  skipping: boolean;
};

/** The footer every step ends with: Back, Skip this step, and the step's own primary action. */
export function WizardFooter({ step, primary }: { step: StepProps; primary: ReactNode }) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-line bg-surface/60 px-5 py-3">
      {step.onBack && (
        <Button variant="ghost" onClick={step.onBack}>
          <span aria-hidden="true">←</span> {t('common.back')}
        </Button>
      )}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={step.onSkip} loading={step.skipping}>
          {t('onboarding.skipStep')}
        </Button>
        {primary}
      </div>
    </div>
  );
}

/** The footer of a step that is a settings form: its submit button saves, then moves on. */
export function SaveAndContinueFooter({ step, saving }: { step: StepProps; saving: boolean }) {
  const t = useT();
  return (
    <WizardFooter
      step={step}
      primary={
        <Button type="submit" loading={saving || step.moving}>
          {t('onboarding.saveContinue')}
        </Button>
      }
    />
  );
}
