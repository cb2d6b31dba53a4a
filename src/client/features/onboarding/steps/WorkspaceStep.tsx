import { WorkspaceSettingsForm } from '../../settings/workspace/WorkspaceSettingsForm.js';
import { SaveAndContinueFooter, type StepProps } from '../WizardFrame.js';

/** Step 1: the workspace and the company behind it (name, postal address, time zone, language). */
export function WorkspaceStep(step: StepProps) {
  return (
    <WorkspaceSettingsForm showRetention={false} guessTimeZone onSaved={step.onDone} actions={({ saving }) => <SaveAndContinueFooter step={step} saving={saving} />} />
  );
}
