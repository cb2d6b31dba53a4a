import { Button } from '../../../components/ui/Button.js';
import { useT } from '../../../i18n/index.js';
import { IcpForm } from '../../settings/icp/IcpForm.js';
import { Footer, type StepProps } from '../WizardFrame.js';

/** Step 2: the ideal customer profile. */
export function IcpStep(step: StepProps) {
  const t = useT();
  return (
    <IcpForm
      onSaved={step.onDone}
      actions={({ saving }) => (
        <Footer
          step={step}
          primary={
            <Button type="submit" loading={saving || step.moving}>
              {t('onboarding.saveContinue')}
            </Button>
          }
        />
      )}
    />
  );
}
