import { IcpForm } from '../../settings/icp/IcpForm.js';
import { SaveAndContinueFooter, type StepProps } from '../WizardFrame.js';

/** Step 2: the ideal customer profile. */
export function IcpStep(step: StepProps) {
  return <IcpForm onSaved={step.onDone} actions={({ saving }) => <SaveAndContinueFooter step={step} saving={saving} />} />;
}
