import { intentCues, ruleVerdict, type IntentCueMatch, type ReplyInput } from './classifier-rules.js';
import { INTENTS, type ReplyIntent } from './intents.js';
import { scoreNaiveBayes, trainNaiveBayes, type NaiveBayesModel } from './naive-bayes.js';
import { classificationReason, type ClassificationReasonCode, type Reason } from './reasons.js';
import { detectReplyLanguage, type ReplyLanguage } from './reply-language.js';
import { emailAddressesIn, latestReplyText, markedText, readableMarked, replyFeatures } from './reply-text.js';
import { TRAINING_REPLIES } from './training-replies.js';

export type ClassifyReplyInput = ReplyInput & {
  /** Language to assume when the reply shows none (an emoji, "ok"): the prospect's or the agent's. */
  fallbackLanguage?: ReplyLanguage;
  /** Addresses that are not "someone else": the prospect's own and our mailboxes. */
  knownAddresses?: readonly string[];
};

export type ReplyClassification = {
  intent: ReplyIntent;
  /** 0–1; what the agent's threshold is compared with. */
  confidence: number;
  /** Settled offline (delivery failure, automatic reply or absence notice, plain opt-out): no LLM needed. */
  certain: boolean;
  source: 'rules' | 'model';
  reason: Reason<ClassificationReasonCode>;
  language: ReplyLanguage;
  /** False when the reply showed no language and the fallback was used. */
  languageDecided: boolean;
  /** Probability per intent from the model (after phrase cues); empty for a rule decision. */
  scores: Partial<Record<ReplyIntent, number>>;
  /** The prospect's own words, as classified: quotes and signature removed. */
  latestText: string;
  /** Addresses in the prospect's words other than the known ones, in order of appearance. */
  otherAddresses: string[];
};

// Dividing summed log-likelihoods by this spreads naive Bayes' overconfident posteriors. Measured
// leave-one-out on the training examples (whole classifier, cues included): at 4, none of the 56
// misread examples reaches 0.80, while 131 of 287 correct ones do; at 3 four misreads pass 0.80, at
// 2 eight. A one-word "interested" therefore stays below the default threshold and goes to review.
const TEMPERATURE = 4;

let trained: NaiveBayesModel<ReplyIntent> | null = null;

/** Trained on first use from the shipped examples (a few milliseconds); deterministic. */
export function replyModel(): NaiveBayesModel<ReplyIntent> {
  trained ??= trainNaiveBayes(
    INTENTS,
    TRAINING_REPLIES.map(([intent, text]) => ({ label: intent, features: replyFeatures(latestReplyText(text)) })),
  );
  return trained;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Classifies a reply offline: the rules first (they decide alone when they are sure), then the
 * naive Bayes model with the phrase cues as extra evidence. Pure: same input, same answer.
 */
export function classifyReply(input: ClassifyReplyInput): ReplyClassification {
  return classifyReplyWith(replyModel(), input);
}

/** `classifyReply` with another model: for measuring the classifier on examples it was not trained on. */
export function classifyReplyWith(trainedModel: NaiveBayesModel<ReplyIntent>, input: ClassifyReplyInput): ReplyClassification {
  const latestText = latestReplyText(input.text);
  const known = new Set((input.knownAddresses ?? []).map((address) => address.toLowerCase()));
  const sender = /<([^>]+)>/.exec(input.from ?? '')?.[1] ?? input.from ?? '';
  if (sender) known.add(sender.trim().toLowerCase());
  const otherAddresses = emailAddressesIn(latestText).filter((address) => !known.has(address));
  const guess = detectReplyLanguage(latestText || (input.subject ?? ''), input.fallbackLanguage ?? 'en');
  const base = { language: guess.language, languageDecided: guess.decided, latestText, otherAddresses };

  const rule = ruleVerdict(input, latestText, otherAddresses);
  if (rule) {
    return { ...base, intent: rule.intent, confidence: rule.confidence, certain: rule.certain, source: 'rules', reason: rule.reason, scores: {} };
  }

  const model = scoreNaiveBayes(trainedModel, replyFeatures(latestText), TEMPERATURE);
  const cues = intentCues(markedText(latestText));
  if (model.knownFeatures === 0 && cues.length === 0) {
    // Not one word the model has seen: any intent it named would be the alphabet's choice.
    return { ...base, intent: 'other', confidence: 0.3, certain: false, source: 'model', reason: classificationReason('no_known_words'), scores: {} };
  }
  const weighted = INTENTS.map((intent) => {
    const factor = cues.filter((cue) => cue.intent === intent).reduce((product, cue) => product * cue.factor, 1);
    const addressBonus = intent === 'referral' && otherAddresses.length > 0 ? 3 : 1;
    return { intent, weight: model.probabilities[intent] * factor * addressBonus };
  });
  const total = weighted.reduce((sum, entry) => sum + entry.weight, 0);
  const scores: Partial<Record<ReplyIntent, number>> = {};
  let best: { intent: ReplyIntent; probability: number } = { intent: 'other', probability: 0 };
  for (const { intent, weight } of weighted) {
    const probability = total > 0 ? weight / total : 0;
    scores[intent] = round(probability);
    if (probability > best.probability) best = { intent, probability };
  }
  const cue = cues.find((match) => match.intent === best.intent);
  const cueWords = model.best === best.intent ? model.cues.map(readableMarked).join(', ') : '';
  const reason = cue
    ? classificationReason('model_with_cue', { intent: best.intent, phrase: readableMarked(cue.phrase), cues: cueWords })
    : classificationReason('model', { intent: best.intent, cues: cueWords });
  return { ...base, intent: best.intent, confidence: round(best.probability), certain: pureAbsenceNotice(best, cues), source: 'model', reason, scores };
}

/**
 * Out-of-office wording with nothing else in it ("I am on leave until 3 March") is settled without
 * the LLM, like a header-marked auto-reply. Any other cue but timing ("… but yes, let's talk") and
 * the reply may be a person's, so it is not.
 */
function pureAbsenceNotice(best: { intent: ReplyIntent; probability: number }, cues: readonly IntentCueMatch[]): boolean {
  if (best.intent !== 'out_of_office' || best.probability < 0.8) return false;
  return cues.some((cue) => cue.intent === 'out_of_office') && cues.every((cue) => cue.intent === 'out_of_office' || cue.intent === 'not_now');
}
