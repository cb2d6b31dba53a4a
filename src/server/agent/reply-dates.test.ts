import { describe, expect, it } from 'vitest';
import { findReminderDate, findReturnDate } from './reply-dates.js';

// A Wednesday.
const now = new Date('2025-03-12T10:00:00Z');

describe('findReminderDate', () => {
  it.each([
    ['Maybe next month', '2025-04-01'],
    ['reach out in 3 months', '2025-06-12'],
    ['try me in a couple of months', '2025-05-12'],
    ['in a few weeks', '2025-04-02'],
    ["let's chat next quarter", '2025-04-01'],
    ['Ping me in Q3', '2025-07-01'],
    ['budget is frozen until next year', '2026-01-01'],
    ["On en reparle après l'été", '2025-09-01'],
    ['à la rentrée', '2025-09-01'],
    ['Relancez-moi en janvier', '2026-01-01'],
    ['Pas avant septembre', '2025-09-01'],
    ['dans 6 mois', '2025-09-12'],
    ['recontactez-moi au trimestre prochain', '2025-04-01'],
    ["débordés jusqu'à fin mars", '2025-04-01'],
    ["l'an prochain", '2026-01-01'],
  ])('"%s" → %s', (text, date) => {
    expect(findReminderDate(text, now)?.date).toBe(date);
  });

  it('names the phrase it read, and takes the first one the prospect wrote', () => {
    expect(findReminderDate('Not in Q2, more like next year', now)).toMatchObject({ date: '2025-04-01', phrase: 'q2' });
  });

  it('rolls "next quarter" over the year end', () => {
    expect(findReminderDate('next quarter', new Date('2025-11-20T00:00:00Z'))?.date).toBe('2026-01-01');
  });

  it('gives null when no date is said', () => {
    expect(findReminderDate('not now, maybe later', now)).toBeNull();
    expect(findReminderDate('I may be interested in may cases', now)).toBeNull();
  });
});

describe('findReturnDate', () => {
  it.each([
    ['back on 12 January', '2026-01-12'],
    ['de retour le 5 janvier', '2026-01-05'],
    ["I'm out until Monday", '2025-03-18'],
    ['back on Monday', '2025-03-17'],
    ['de retour lundi', '2025-03-17'],
    ["Je suis absent du bureau jusqu'au 6 janvier inclus.", '2026-01-07'],
    ["Je suis absente du bureau jusqu'au lundi 14 avril.", '2025-04-15'],
    ['I will be out of the office from 10 to 18 April.', '2025-04-19'],
    ['Je serai absent du 22 décembre au 3 janvier.', '2026-01-04'],
    ['de retour le 26/08', '2025-08-26'],
    ['returning on August 26', '2025-08-26'],
    ['back tomorrow', '2025-03-13'],
  ])('"%s" → %s', (text, date) => {
    expect(findReturnDate(text, now)?.date).toBe(date);
  });

  it('keeps a recently passed date in the past (a stale autoresponder) instead of moving it a year on', () => {
    expect(findReturnDate('on leave until 3 March', now)?.date).toBe('2025-03-04');
  });

  it('gives null when the message names no date', () => {
    expect(findReturnDate('I am away with limited access to email', now)).toBeNull();
  });
});
