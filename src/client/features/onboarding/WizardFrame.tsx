import type { ReactNode } from 'react';
import { Button } from '../../components/ui/Button.js';
import { useT } from '../../i18n/index.js';

/** The footer every step ends with: Back, Skip this step, and the step's own primary action. */
export function WizardFooter({ onBack, onSkip, skipping, primary }: { onBack?: () => void; onSkip: () => void; skipping?: boolean; primary: ReactNode }) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-line bg-surface/60 px-5 py-3">
      {onBack && (
        <Button variant="ghost" onClick={onBack}>
          <span aria-hidden="true">←</span> {t('common.back')}
        </Button>
      )}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={onSkip} loading={skipping}>
          {t('onboarding.skipStep')}
        </Button>
        {primary}
      </div>
    </div>
  );
}

/** What the page gives each step: how to move on, and whether a move is in flight. */
export type StepProps = {
  onDone(): void;
  onSkip(): void;
  onBack?: () => void;
  moving: boolean;
  skipping: boolean;
};

export function Footer({ step, primary }: { step: StepProps; primary: ReactNode }) {
  return <WizardFooter onBack={step.onBack} onSkip={step.onSkip} skipping={step.skipping} primary={primary} />;
}
