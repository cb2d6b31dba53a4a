import { Button } from '../../../components/ui/Button.js';
import { useT } from '../../../i18n/index.js';
import { WorkspaceSettingsForm } from '../../settings/workspace/WorkspaceSettingsForm.js';
import { Footer, type StepProps } from '../WizardFrame.js';

/** Step 1: the workspace and the company behind it (name, postal address, time zone, language). */
export function WorkspaceStep(step: StepProps) {
  const t = useT();
  return (
    <WorkspaceSettingsForm
      showRetention={false}
      guessTimeZone
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
