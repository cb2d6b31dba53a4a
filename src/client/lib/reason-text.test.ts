import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_REASON_CODES, DECISION_REASON_CODES } from '../../shared/agent-reasons.js';
import { createTranslator } from '../i18n/index.js';
import { agentReasons } from '../i18n/messages/agentReasons.js';
import { reasonText } from './reason-text.js';

const ALL_PARAMS = { intent: 'not_now', confidence: '0.62', threshold: '0.80', date: '2027-03-03', phrase: 'next quarter', word: 'avocat', topic: 'pricing', link: 'https://x.example', signal: 'override', email: 'lea@acme.example', violations: 'link_not_allowed', error: 'timeout', from: 'MAILER-DAEMON', header: 'Auto-Submitted', cues: 'later' };

describe('the agent’s reasons in the UI', () => {
  it('have an English and a French entry for every code the server gives', () => {
    const en = agentReasons.en as Record<string, string>;
    const fr = agentReasons.fr as Record<string, string>;
    const missing = [...CLASSIFICATION_REASON_CODES, ...DECISION_REASON_CODES].filter((code) => !en[`agentReason.${code}`] || !fr[`agentReason.${code}`]);
    expect(missing).toEqual([]);
  });

  it('word every code with its params filled, in both languages', () => {
    for (const language of ['en', 'fr'] as const) {
      const i18n = createTranslator(language);
      for (const code of [...CLASSIFICATION_REASON_CODES, ...DECISION_REASON_CODES]) {
        const text = reasonText(i18n, { code, params: ALL_PARAMS, text: 'English line' });
        expect(text, `${language} ${code}`).not.toMatch(/\{\w+\}|agentReason\.|English line/);
      }
    }
  });

  it('translates the intent, formats numbers and days in French', () => {
    const fr = createTranslator('fr');
    expect(reasonText(fr, { code: 'below_threshold', params: { confidence: '0.62', threshold: '0.80' } })).toBe('La confiance 0,62 est inférieure au seuil de l’agent (0,80)');
    expect(reasonText(fr, { code: 'reminder_due', params: { date: '2027-03-03' } })).toBe('Rappel arrivé à échéance : le prospect a demandé à être recontacté vers le 3 mars 2027');
    expect(reasonText(fr, { code: 'needs_human', params: { intent: 'question' } })).toBe('«\u00a0pose une question\u00a0» : une personne doit répondre');
  });

  it('shows the stored English line for a code it does not know', () => {
    expect(reasonText(createTranslator('fr'), { code: 'from_the_future', params: {}, text: 'A newer reason' })).toBe('A newer reason');
    expect(reasonText(createTranslator('fr'), { code: 'from_the_future', params: {} }, 'fallback')).toBe('fallback');
  });
});
