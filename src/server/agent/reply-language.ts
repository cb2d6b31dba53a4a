import { foldText } from './reply-text.js';

export type ReplyLanguage = 'en' | 'fr';

// Frequent function words, folded (no accents). Words both languages use ("a", "on", "me") are
// left out, so a mixed-language reply is judged by the words that differ.
const ENGLISH = new Set(
  'the and you your is are to of for it this that with be we our not no yes thanks thank please can could would will what when how who just if at from have has do does dont im ill its let lets my so but'.split(' '),
);
const FRENCH = new Set(
  'le la les et vous votre vos est sont pour du des un une ce cette avec nous notre pas oui non merci je j moi mon ma mes qui quoi quand comment ne plus mais si ca c d l m n qu au aux sur bonjour cordialement bien'.split(
    ' ',
  ),
);

export type LanguageGuess = { language: ReplyLanguage; frenchWords: number; englishWords: number; decided: boolean };

/**
 * English or French by counting function words. `decided` is false when neither language shows
 * (an emoji, "ok", a bare date) and the fallback was used: the caller then prefers the agent's or
 * the prospect's known language.
 */
export function detectReplyLanguage(text: string, fallback: ReplyLanguage = 'en'): LanguageGuess {
  const words = foldText(text).split(/[^a-z]+/).filter(Boolean);
  let frenchWords = 0;
  let englishWords = 0;
  for (const word of words) {
    if (FRENCH.has(word)) frenchWords += 1;
    if (ENGLISH.has(word)) englishWords += 1;
  }
  // Accented letters are almost only French in these replies; they tip a close count.
  const accents = (text.match(/[éèêàçùâîôû]/gi) ?? []).length;
  const french = frenchWords + Math.min(accents, 3) * 0.5;
  if (french === 0 && englishWords === 0) return { language: fallback, frenchWords, englishWords, decided: false };
  if (french === englishWords) return { language: fallback, frenchWords, englishWords, decided: false };
  return { language: french > englishWords ? 'fr' : 'en', frenchWords, englishWords, decided: true };
}
