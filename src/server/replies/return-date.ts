/**
 * The return date an out-of-office message gives, in English or French, as calendar dates
 * (`YYYY-MM-DD`, no time zone: the scheduler applies the prospect's). Dates without a year are
 * the next occurrence after the message date; anything we cannot read one way only gives null
 * ("back next week", "until 03/04" in English, a weekday that contradicts the date, two different
 * dates), because a wrong pause is worse than none.
 *
 * `away_until` ("until 12 January", "jusqu'au 12/01") resumes the day after: mailing someone on
 * the last day of their absence is the worse mistake.
 */
export type ReturnDate = { mentioned: string; relation: 'back_on' | 'away_until'; resumeOn: string };
export type ReturnDateContext = { now: Date; messageDate: Date | null };

type Locale = 'en' | 'fr';
type Relation = ReturnDate['relation'];
type Day = { year: number; month: number; day: number };

const MONTHS: [RegExp, number][] = [
  [/^(january|jan|janvier|janv)$/, 1],
  [/^(february|feb|février|fevrier|févr|fevr|fév|fev)$/, 2],
  [/^(march|mar|mars)$/, 3],
  [/^(april|apr|avril|avr)$/, 4],
  [/^(may|mai)$/, 5],
  [/^(june|jun|juin)$/, 6],
  [/^(july|jul|juillet|juil)$/, 7],
  [/^(august|aug|août|aout)$/, 8],
  [/^(september|sept|sep|septembre)$/, 9],
  [/^(october|oct|octobre)$/, 10],
  [/^(november|nov|novembre)$/, 11],
  [/^(december|dec|décembre|decembre|déc)$/, 12],
];
const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|janv|févr|fevr|fév|fev|avr|juil|déc)';
const WEEKDAYS: [RegExp, number][] = [
  [/^(sunday|sun|dimanche)$/, 0],
  [/^(monday|mon|lundi)$/, 1],
  [/^(tuesday|tues|tue|mardi)$/, 2],
  [/^(wednesday|wed|mercredi)$/, 3],
  [/^(thursday|thurs|thur|thu|jeudi)$/, 4],
  [/^(friday|fri|vendredi)$/, 5],
  [/^(saturday|sat|samedi)$/, 6],
];
const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const WEEKDAY_FULL = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const END = '(?![\\p{L}\\d])';
const ORDINAL = '(?:st|nd|rd|th|er|e)?';

const ANCHORS: { pattern: RegExp; relation: Relation; locale: Locale }[] = [
  { pattern: /\b(?:back|returning|return|returns)\b(?!\s+(?:to\s+you|your|vers\s+vous))/giu, relation: 'back_on', locale: 'en' },
  { pattern: /\b(?:available|reachable)\s+again\b/giu, relation: 'back_on', locale: 'en' },
  { pattern: /\b(?:until|till|through|thru)\b/giu, relation: 'away_until', locale: 'en' },
  { pattern: /\b(?:de\s+retour|retour\s+pr[ée]vu|je\s+reviens|je\s+reviendrai|je\s+rentre)(?![\p{L}])/giu, relation: 'back_on', locale: 'fr' },
  { pattern: /(?:[àa]\s+partir\s+du|d[èe]s\s+le|joignable\s+le|disponible\s+le)(?![\p{L}])/giu, relation: 'back_on', locale: 'fr' },
  { pattern: /\bjusqu['’]\s?(?:au|à|a)(?![\p{L}])/giu, relation: 'away_until', locale: 'fr' },
];
// Words between the anchor and the date: "back in the office on", "de retour au bureau le".
const FILLER = /^(?:[\s,:]+|on(?![\p{L}])|from(?![\p{L}])|by(?![\p{L}])|the(?![\p{L}])|in the office(?![\p{L}])|to the office(?![\p{L}])|to work(?![\p{L}])|at work(?![\p{L}])|in office(?![\p{L}])|au bureau(?![\p{L}])|le(?![\p{L}])|du(?![\p{L}])|prévue?(?![\p{L}])|inclus(?![\p{L}]))*/iu;

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/u;
const NUMERIC = /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/.]\d)/u;
const DAY_MONTH = new RegExp(`^(?:${WEEKDAY}\\.?,?\\s+)?(?:the\\s+)?(\\d{1,2}|1er)${ORDINAL}(?:\\s+of)?\\s+${MONTH}\\.?${END}(?:,?\\s+(\\d{4}))?`, 'iu');
const MONTH_DAY = new RegExp(`^(?:${WEEKDAY}\\.?,?\\s+)?${MONTH}\\.?\\s+(?:the\\s+)?(\\d{1,2})${ORDINAL}${END}(?:,?\\s+(\\d{4}))?`, 'iu');
const WEEKDAY_DAY = new RegExp(`^${WEEKDAY}\\.?,?\\s+(?:the\\s+)?(\\d{1,2}|1er)${ORDINAL}${END}`, 'iu');
const WEEKDAY_ONLY = new RegExp(`^(?:next\\s+)?${WEEKDAY_FULL}(?:\\s+prochain)?${END}`, 'iu');
const TOMORROW = /^(tomorrow|demain)(?![\p{L}])/iu;

const DAY_MS = 86_400_000;
const MAX_TEXT = 5_000;

function lookup(table: [RegExp, number][], word: string | undefined): number | null {
  const lower = word?.toLowerCase() ?? '';
  return table.find(([pattern]) => pattern.test(lower))?.[1] ?? null;
}

function toDay(date: Date): Day {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
function valid(day: Day): boolean {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day));
  return date.getUTCMonth() === day.month - 1 && date.getUTCDate() === day.day;
}
function time(day: Day): number {
  return Date.UTC(day.year, day.month - 1, day.day);
}
function addDays(day: Day, days: number): Day {
  return toDay(new Date(time(day) + days * DAY_MS));
}
function weekday(day: Day): number {
  return new Date(time(day)).getUTCDay();
}
function iso(day: Day): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}
function dayNumber(text: string | undefined): number {
  return text?.toLowerCase() === '1er' ? 1 : Number(text);
}

/** A day and month without a year: the next occurrence, allowing a week in the past (a late auto-reply). */
function withYear(reference: Day, month: number, day: number, year: number | null, expectedWeekday: number | null): Day | null {
  const years = year !== null ? [year < 100 ? 2000 + year : year] : [reference.year, reference.year + 1];
  const candidates = years.map((y) => ({ year: y, month, day })).filter(valid);
  const plausible = year !== null ? candidates : candidates.filter((candidate) => time(candidate) >= time(reference) - 7 * DAY_MS);
  const matching = expectedWeekday === null ? plausible : plausible.filter((candidate) => weekday(candidate) === expectedWeekday);
  return matching[0] ?? null;
}

function parseDateAt(tail: string, reference: Day, locale: Locale): Day | null {
  let match = ISO.exec(tail);
  if (match) {
    const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    return valid(day) ? day : null;
  }
  if ((match = NUMERIC.exec(tail))) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    const year = match[3] ? Number(match[3]) : null;
    // French is day/month; in English 03/04 reads both ways, so only an impossible month settles it.
    const dayFirst = locale === 'fr' || first > 12 || first === second;
    if (!dayFirst && second <= 12) return null;
    return dayFirst ? withYear(reference, second, first, year, null) : withYear(reference, first, second, year, null);
  }
  if ((match = DAY_MONTH.exec(tail))) {
    const month = lookup(MONTHS, match[3]);
    return month ? withYear(reference, month, dayNumber(match[2]), match[4] ? Number(match[4]) : null, match[1] ? lookup(WEEKDAYS, match[1]) : null) : null;
  }
  if ((match = MONTH_DAY.exec(tail))) {
    const month = lookup(MONTHS, match[2]);
    return month ? withYear(reference, month, dayNumber(match[3]), match[4] ? Number(match[4]) : null, match[1] ? lookup(WEEKDAYS, match[1]) : null) : null;
  }
  if ((match = WEEKDAY_DAY.exec(tail))) {
    // "returning Monday 5th": the first 5th that is a Monday, this month or the next two.
    const expected = lookup(WEEKDAYS, match[1]);
    const day = dayNumber(match[2]);
    for (let offset = 0; offset < 3; offset += 1) {
      const month = ((reference.month - 1 + offset) % 12) + 1;
      const year = reference.year + Math.floor((reference.month - 1 + offset) / 12);
      const candidate = { year, month, day };
      if (valid(candidate) && time(candidate) >= time(reference) && weekday(candidate) === expected) return candidate;
    }
    return null;
  }
  if ((match = WEEKDAY_ONLY.exec(tail))) {
    const expected = lookup(WEEKDAYS, match[1]);
    if (expected === null) return null;
    const ahead = (expected - weekday(reference) + 7) % 7 || 7;
    return addDays(reference, ahead);
  }
  if (TOMORROW.test(tail)) return addDays(reference, 1);
  return null;
}

export function extractReturnDate(text: string, context: ReturnDateContext): ReturnDate | null {
  const { now, messageDate } = context;
  // A message dated in the future (clock skew, forged header) must not push the pause further out.
  const referenceInstant = messageDate && messageDate.getTime() <= now.getTime() ? messageDate : now;
  const reference = toDay(referenceInstant);
  const latest = time(toDay(now)) + 366 * DAY_MS;
  const source = text.slice(0, MAX_TEXT);
  const found: ReturnDate[] = [];
  for (const anchor of ANCHORS) {
    anchor.pattern.lastIndex = 0;
    for (const match of source.matchAll(anchor.pattern)) {
      const after = source.slice(match.index + match[0].length, match.index + match[0].length + 80);
      const tail = after.replace(FILLER, '');
      const day = parseDateAt(tail, reference, anchor.locale);
      if (!day) continue;
      const resume = anchor.relation === 'away_until' ? addDays(day, 1) : day;
      if (time(resume) > latest || time(resume) < time(reference) - 7 * DAY_MS) continue;
      found.push({ mentioned: iso(day), relation: anchor.relation, resumeOn: iso(resume) });
    }
  }
  const distinct = new Set(found.map((entry) => entry.resumeOn));
  if (distinct.size !== 1) return null;
  return found.find((entry) => entry.relation === 'back_on') ?? found[0] ?? null;
}
