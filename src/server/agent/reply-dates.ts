import { foldText } from './reply-text.js';

/**
 * Dates a prospect gives in words ("next quarter", "après l'été", "back on 12 January", "de retour
 * lundi"), resolved against `now`. Calendar arithmetic is in UTC and results are UTC midnights: the
 * sending engine fits the actual send into the mailbox's window and time zone.
 */
export type FoundDate = { at: Date; date: string; phrase: string };

const DAY_MS = 86_400_000;

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'janvier', 'jan', 'janv'],
  ['february', 'fevrier', 'feb', 'fev', 'fevr'],
  ['march', 'mars', 'mar'],
  ['april', 'avril', 'apr', 'avr'],
  ['may', 'mai'],
  ['june', 'juin', 'jun'],
  ['july', 'juillet', 'jul', 'juil'],
  ['august', 'aout', 'aug'],
  ['september', 'septembre', 'sep', 'sept'],
  ['october', 'octobre', 'oct'],
  ['november', 'novembre', 'nov'],
  ['december', 'decembre', 'dec'],
];
const MONTH_INDEX = new Map(MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index] as const)));
const MONTHS = MONTH_NAMES.flat().sort((a, b) => b.length - a.length).join('|');
// Full names only where a month stands alone, and not "may" ("in may cases" is no date).
const FULL_MONTHS = MONTH_NAMES.flatMap((names) => names.slice(0, 2))
  .filter((name) => name !== 'may')
  .join('|');

const WEEKDAY_INDEX = new Map<string, number>([
  ['sunday', 0], ['dimanche', 0], ['monday', 1], ['lundi', 1], ['tuesday', 2], ['mardi', 2], ['wednesday', 3], ['mercredi', 3],
  ['thursday', 4], ['jeudi', 4], ['friday', 5], ['vendredi', 5], ['saturday', 6], ['samedi', 6],
]);
const WEEKDAYS = [...WEEKDAY_INDEX.keys()].join('|');

const NUMBER_WORDS = new Map<string, number>([
  ['a', 1], ['an', 1], ['one', 1], ['un', 1], ['une', 1], ['two', 2], ['deux', 2], ['a couple of', 2], ['a couple', 2], ['couple of', 2],
  ['three', 3], ['trois', 3], ['a few', 3], ['few', 3], ['quelques', 3], ['four', 4], ['quatre', 4], ['five', 5], ['cinq', 5],
  ['six', 6], ['nine', 9], ['neuf', 9], ['twelve', 12], ['douze', 12],
]);
const AMOUNT = `(\\d{1,2}|${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})`;

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const startOfDay = (date: Date) => utc(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
const addDays = (date: Date, days: number) => new Date(startOfDay(date).getTime() + days * DAY_MS);
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const found = (at: Date, phrase: string): FoundDate => ({ at, date: isoDate(at), phrase: phrase.trim() });

function amountOf(word: string): number {
  return NUMBER_WORDS.get(word) ?? Number.parseInt(word, 10);
}

/** The first day of `month` that is strictly after today (this year or next). */
function nextMonthStart(now: Date, month: number): Date {
  const thisYear = utc(now.getUTCFullYear(), month, 1);
  return thisYear > startOfDay(now) ? thisYear : utc(now.getUTCFullYear() + 1, month, 1);
}

function addMonths(now: Date, months: number): Date {
  const day = startOfDay(now);
  const target = utc(day.getUTCFullYear(), day.getUTCMonth() + months, 1);
  const lastDay = utc(target.getUTCFullYear(), target.getUTCMonth() + 1, 0).getUTCDate();
  return utc(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day.getUTCDate(), lastDay));
}

type ReminderRule = { pattern: RegExp; resolve: (match: RegExpExecArray, now: Date) => Date };

const REMINDER_RULES: ReminderRule[] = [
  {
    pattern: new RegExp(`\\b(?:in|within|dans|d'ici) ${AMOUNT} (days?|jours?|weeks?|semaines?|months?|mois)\\b`),
    resolve: (match, now) => {
      const amount = amountOf(match[1] ?? '');
      const unit = match[2] ?? '';
      if (/^(day|jour)/.test(unit)) return addDays(now, amount);
      if (/^(week|semaine)/.test(unit)) return addDays(now, amount * 7);
      return addMonths(now, amount);
    },
  },
  { pattern: /\b(a couple|a few|couple of|quelques) (months|mois)\b/, resolve: (match, now) => addMonths(now, amountOf(match[1] ?? 'a few')) },
  { pattern: /\bnext week\b|\bla semaine prochaine\b/, resolve: (_, now) => addDays(now, 7) },
  { pattern: /\bnext month\b|\ble mois prochain\b|\bau mois prochain\b/, resolve: (_, now) => addMonths(utc(now.getUTCFullYear(), now.getUTCMonth(), 1), 1) },
  {
    pattern: /\bnext quarter\b|\b(le |au )?trimestre prochain\b|\bprochain trimestre\b/,
    resolve: (_, now) => utc(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 + 3, 1),
  },
  { pattern: /\bq([1-4])\b|\b([1-4])(?:er|e|eme) trimestre\b/, resolve: (match, now) => nextMonthStart(now, (Number(match[1] ?? match[2]) - 1) * 3) },
  { pattern: /\b(second half|h2|(deuxieme|second) semestre)\b/, resolve: (_, now) => nextMonthStart(now, 6) },
  {
    pattern: /\b((early |beginning of )?next year|l'(annee prochaine|an prochain)|debut (d'annee|de l'annee)|not this year|pas cette annee)\b/,
    resolve: (_, now) => utc(now.getUTCFullYear() + 1, 0, 1),
  },
  {
    pattern: /\b(after the summer|in the fall|in the autumn|this fall|this autumn|next fall|next autumn|apres l'ete|a la rentree|cet automne|a l'automne)\b/,
    resolve: (_, now) => nextMonthStart(now, 8),
  },
  { pattern: /\b(next|in the|this) spring\b|\bau printemps\b/, resolve: (_, now) => nextMonthStart(now, 2) },
  { pattern: /\b(next|in the|this) summer\b|\bcet ete\b|\ben ete\b/, resolve: (_, now) => nextMonthStart(now, 5) },
  {
    pattern: /\b(end of (the )?year|year end|fin d'annee|fin de l'annee)\b/,
    resolve: (_, now) => (now.getUTCMonth() < 11 ? utc(now.getUTCFullYear(), 11, 1) : addDays(now, 30)),
  },
  {
    pattern: /\b(after|once) the holidays\b|\bapres les (fetes|vacances)\b/,
    resolve: (_, now) => (now.getUTCMonth() >= 9 ? utc(now.getUTCFullYear() + 1, 0, 1) : now.getUTCMonth() >= 5 ? nextMonthStart(now, 8) : addDays(now, 30)),
  },
  {
    // "after March", "end of March", "fin mars", "until March" all mean: once March is over.
    pattern: new RegExp(`\\b(after|end of|late|apres|fin|fin de|fin d'|jusqu'a fin) (${FULL_MONTHS})\\b`),
    resolve: (match, now) => nextMonthStart(now, ((MONTH_INDEX.get(match[2] ?? '') ?? 0) + 1) % 12),
  },
  {
    pattern: new RegExp(`\\b(in|en|early|around|by|from|until|till|before|not before|pas avant|vers|courant|debut|mid|mi-|a partir de)[ -](${FULL_MONTHS})\\b`),
    resolve: (match, now) => nextMonthStart(now, MONTH_INDEX.get(match[2] ?? '') ?? 0),
  },
];

/** Default reminder when a prospect says "later" without saying when. */
export const DEFAULT_REMINDER_DAYS = 90;

/** When to remind the user about a "not now" reply; null when the reply gives no date. */
export function findReminderDate(text: string, now: Date): FoundDate | null {
  const folded = foldText(text);
  let best: { index: number; result: FoundDate } | null = null;
  for (const rule of REMINDER_RULES) {
    const match = rule.pattern.exec(folded);
    if (!match || (best && best.index <= match.index)) continue;
    best = { index: match.index, result: found(rule.resolve(match, now), match[0]) };
  }
  return best?.result ?? null;
}

// A date an out-of-office gives without a year: the coming occurrence, unless it is within the last
// few weeks (a stale autoresponder), in which case it stays in the past and the caller resumes now.
const STALE_DAYS = 45;

function dayMonth(now: Date, day: number, month: number, year: number | null): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  if (year !== null) return utc(year < 100 ? 2000 + year : year, month, day);
  const thisYear = utc(now.getUTCFullYear(), month, day);
  return thisYear.getTime() >= startOfDay(now).getTime() - STALE_DAYS * DAY_MS ? thisYear : utc(now.getUTCFullYear() + 1, month, day);
}

function nextWeekday(now: Date, weekday: number): Date {
  const today = startOfDay(now);
  const ahead = (weekday - today.getUTCDay() + 7) % 7 || 7;
  return addDays(today, ahead);
}

type DateMention = { index: number; end: number; at: Date; phrase: string; rank: number };
type MentionPattern = [RegExp, (match: RegExpMatchArray) => Date | null];

function mentionPatterns(now: Date): MentionPattern[] {
  return [
    [
      new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er)? (?:of )?(${MONTHS})\\.?(?:,? (\\d{4}))?\\b`, 'g'),
      (m) => dayMonth(now, Number(m[1]), MONTH_INDEX.get(m[2] ?? '') ?? -1, m[3] ? Number(m[3]) : null),
    ],
    [
      new RegExp(`\\b(${MONTHS})\\.? (\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (\\d{4}))?`, 'g'),
      (m) => dayMonth(now, Number(m[2]), MONTH_INDEX.get(m[1] ?? '') ?? -1, m[3] ? Number(m[3]) : null),
    ],
    [
      // Day first, as in French and British mail, unless only month-first makes a date.
      /\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b/g,
      (m) => {
        const first = Number(m[1]);
        const second = Number(m[2]);
        const year = m[3] ? Number(m[3]) : null;
        return second > 12 && first <= 12 ? dayMonth(now, second, first - 1, year) : dayMonth(now, first, second - 1, year);
      },
    ],
    // A weekday followed by its date ("lundi 14 avril") is left to the date.
    [new RegExp(`\\b(next |ce |this )?(${WEEKDAYS})( prochain)?\\b(?!,? (the |le )?\\d)`, 'g'), (m) => nextWeekday(now, WEEKDAY_INDEX.get(m[2] ?? '') ?? 1)],
    [/\b(tomorrow|demain)\b/g, () => addDays(now, 1)],
    [/\b(next week|la semaine prochaine)\b/g, () => nextWeekday(now, 1)],
    [
      /\b(?:the|le) (\d{1,2})(?:st|nd|rd|th|er)?\b/g,
      (m) => {
        const day = Number(m[1]);
        const thisMonth = utc(now.getUTCFullYear(), now.getUTCMonth(), day);
        return thisMonth >= startOfDay(now) ? thisMonth : utc(now.getUTCFullYear(), now.getUTCMonth() + 1, day);
      },
    ],
  ];
}

/**
 * Every date in the text, in reading order. Patterns are listed most specific first; of two
 * overlapping readings ("le 26" and "26/08") the more specific one wins.
 */
function dateMentions(folded: string, now: Date): DateMention[] {
  const all: DateMention[] = [];
  mentionPatterns(now).forEach(([pattern, resolve], rank) => {
    for (const match of folded.matchAll(pattern)) {
      const at = resolve(match);
      const index = match.index ?? 0;
      if (at) all.push({ index, end: index + match[0].length, at, phrase: match[0], rank });
    }
  });
  all.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const kept: DateMention[] = [];
  for (const mention of all) {
    if (!kept.some((other) => mention.index < other.end && other.index < mention.end)) kept.push(mention);
  }
  return kept.sort((a, b) => a.index - b.index);
}

const BACK_ON = /\b(back|return(ing)?|returns|de retour|retour|reouverture|reopen(s|ing)?)\b[^.\n]{0,25}$/;
const UNTIL = /\b(until|till|til|through|thru|to|jusqu'au|jusqu'a|jusqu'en|au)\b[^.\n]{0,12}$/;

/**
 * When an out-of-office prospect can be written to again: the date after "back on" / "de retour
 * le", or the day after the last day away ("until 6 January", "du 22 décembre au 3 janvier").
 * Null when the message gives no date.
 */
export function findReturnDate(text: string, now: Date): FoundDate | null {
  const folded = foldText(text);
  const mentions = dateMentions(folded, now);
  if (mentions.length === 0) return null;
  for (const mention of mentions) {
    const before = folded.slice(Math.max(0, mention.index - 40), mention.index);
    if (BACK_ON.test(before)) return found(mention.at, `${before.match(BACK_ON)?.[0] ?? ''}${mention.phrase}`);
  }
  for (const mention of mentions) {
    const before = folded.slice(Math.max(0, mention.index - 40), mention.index);
    if (UNTIL.test(before)) return found(addDays(mention.at, 1), `${before.match(UNTIL)?.[0] ?? ''}${mention.phrase}`);
  }
  const latest = mentions.reduce((a, b) => (b.at > a.at ? b : a));
  return found(latest.at, latest.phrase);
}
