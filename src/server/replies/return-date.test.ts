import { describe, expect, it } from 'vitest';
import { extractReturnDate, type ReturnDateContext } from './return-date.js';

// Monday 22 December 2025, the message sent that morning.
const now = new Date('2025-12-22T15:00:00Z');
const messageDate = new Date('2025-12-22T09:00:00Z');
const read = (text: string, context: ReturnDateContext = { now, messageDate }) => extractReturnDate(text, context);
const resume = (text: string, context: ReturnDateContext = { now, messageDate }) => read(text, context)?.resumeOn ?? null;

describe('extractReturnDate: English', () => {
  it('reads "back on 12 January" as the next 12 January, across the new year', () => {
    expect(read('I am out of the office and back on 12 January.')).toEqual({ mentioned: '2026-01-12', relation: 'back_on', resumeOn: '2026-01-12' });
  });

  it('reads month-first dates, ordinals, explicit years and weekday prefixes', () => {
    expect(resume("I'll be back in the office on Monday, January 5th.")).toBe('2026-01-05');
    expect(resume('Returning on January 5, 2026.')).toBe('2026-01-05');
    expect(resume('I will return on the 5th of January')).toBe('2026-01-05');
  });

  it('reads "returning Monday 5th" as the next 5th that is a Monday', () => {
    expect(resume('Returning Monday 5th, with limited access until then.')).toBe('2026-01-05');
    // No Monday the 6th in the next months: ambiguous, so nothing.
    expect(read('Returning Monday 6th')).toBeNull();
  });

  it('resumes the day after an "until" date (ISO or written)', () => {
    expect(read('Out of office until 2027-01-04.', { now: new Date('2026-12-20T00:00:00Z'), messageDate: null })).toEqual({
      mentioned: '2027-01-04',
      relation: 'away_until',
      resumeOn: '2027-01-05',
    });
    expect(resume('I am away until 4 Jan.')).toBe('2026-01-05');
  });

  it('reads weekdays and "tomorrow" from the message date', () => {
    expect(resume('Back Monday.')).toBe('2025-12-29'); // the message is from a Monday: the next one
    expect(resume('Back on Wednesday')).toBe('2025-12-24');
    expect(resume('Back tomorrow')).toBe('2025-12-23');
  });

  it('gives up on what reads two ways or not at all', () => {
    expect(read('Out until 03/04.')).toBeNull(); // 3 April or March 4
    expect(resume('Out until 25/01.')).toBe('2026-01-26'); // only one reading: the 25th of January
    expect(read('I will be back next week.')).toBeNull();
    expect(read('Back soon, I will get back to you on Monday')).toBeNull();
  });

  it('keeps a weekday that agrees with the date, refuses one that contradicts it', () => {
    expect(resume('Back on Tuesday 6 January 2026')).toBe('2026-01-06');
    expect(read('Back on Monday 6 January 2026')).toBeNull();
  });

  it('refuses two different return dates, accepts the same date said twice (bilingual message)', () => {
    expect(read('Back on 5 January. Actually back on 7 January.')).toBeNull();
    expect(resume('Back on 5 January. / De retour le 5 janvier.')).toBe('2026-01-05');
    expect(resume('Away until 4 January, back on 5 January.')).toBe('2026-01-05');
  });

  it('uses now, not a message date in the future, and refuses dates more than a year out', () => {
    const future = new Date('2026-06-01T00:00:00Z');
    expect(resume('Back on 12 January', { now, messageDate: future })).toBe('2026-01-12');
    expect(read('Back on 12 January 2028')).toBeNull();
    expect(read('Back on 12 January 2024')).toBeNull();
  });

  it('keeps a date a few days past (a late auto-reply): the caller sees it is over', () => {
    expect(resume('Back on 19 December')).toBe('2025-12-19');
  });
});

describe('extractReturnDate: French', () => {
  it('reads "de retour le 5 janvier" and with a weekday', () => {
    expect(read('Je suis absente, de retour le 5 janvier.')).toEqual({ mentioned: '2026-01-05', relation: 'back_on', resumeOn: '2026-01-05' });
    expect(resume('Je serai de retour au bureau le lundi 5 janvier 2026.')).toBe('2026-01-05');
    expect(resume('De retour le 1er février')).toBe('2026-02-01');
  });

  it('reads "jusqu\'au 12/01" as day/month, resuming the day after', () => {
    expect(read("Je suis absent jusqu'au 12/01.")).toEqual({ mentioned: '2026-01-12', relation: 'away_until', resumeOn: '2026-01-13' });
    expect(resume('Absente jusqu’au 03/04/2026 inclus')).toBe('2026-04-04');
  });

  it('reads "à partir du", "dès le" and weekdays', () => {
    expect(resume('Je serai joignable à partir du 6 janvier.')).toBe('2026-01-06');
    expect(resume('Disponible dès le 7 janvier')).toBe('2026-01-07');
    expect(resume("Absent jusqu'à lundi")).toBe('2025-12-30');
  });

  it('gives nothing for a French text without a date', () => {
    expect(read('Je suis en congés, je reviens bientôt.')).toBeNull();
  });
});
