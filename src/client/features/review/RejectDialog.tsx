import { useState } from 'react';
import { FormDialog } from '../../components/ui/Dialog.js';
import { SelectField, TextAreaField } from '../../components/ui/Field.js';
import { useI18n } from '../../i18n/index.js';
import { PROSPECT_STAGES, type ProspectStage } from '../../../shared/enums.js';
import { stageKey } from '../prospects/prospect-ui.js';
import type { ReviewItem } from './ReviewCard.js';

/** Reject: nothing is sent; the reason is logged, and the prospect may move to another stage. Keyed by item, so each starts empty. */
export function RejectDialog({ item, submitting, onClose, onReject }: { item: ReviewItem | null; submitting: boolean; onClose: () => void; onReject: (reason: string, stage?: ProspectStage) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [stage, setStage] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <FormDialog
      open={Boolean(item)}
      onClose={onClose}
      title={t('review.rejectTitle')}
      description={t('review.rejectBody')}
      submitLabel={t('review.reject')}
      submitting={submitting}
      onSubmit={() => {
        if (!reason.trim()) return setError(t('review.reasonRequired'));
        onReject(reason.trim(), (stage || undefined) as ProspectStage | undefined);
      }}
    >
      <TextAreaField label={t('review.rejectReason')} value={reason} rows={3} maxLength={500} onChange={(event) => (setReason(event.target.value), setError(undefined))} error={error} autoFocus />
      <SelectField label={t('review.rejectStage')} value={stage} onChange={(event) => setStage(event.target.value)}>
        <option value="">{t('review.keepStage')}</option>
        {PROSPECT_STAGES.map((value) => (
          <option key={value} value={value}>
            {t(stageKey(value))}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}
