import { describe, expect, it } from 'vitest';
import { detectReplyLanguage } from './reply-language.js';
import { emailAddressesIn, foldText, latestReplyText, readableMarked, markedText, replyFeatures } from './reply-text.js';

describe('latestReplyText', () => {
  it('drops Gmail quoted history, including a header wrapped over two lines', () => {
    const text = 'Not for us, thanks.\n\nOn Tue, 14 Jan 2025 at 09:12, Eve Martin <eve@salesmachine.example>\nwrote:\n> Worth a quick call next week?';
    expect(latestReplyText(text)).toBe('Not for us, thanks.');
  });

  it('drops Outlook and French headers, and the signature after "-- "', () => {
    expect(latestReplyText('Sure.\n\n________________________________\nFrom: Eve\nSent: Tuesday\nBook a demo?')).toBe('Sure.');
    expect(latestReplyText('Pas maintenant.\n\nLe mar. 14 janv. 2025 à 09:12, Eve <eve@x.example> a écrit :\n> Un appel ?')).toBe('Pas maintenant.');
    expect(latestReplyText('Ok pour moi\n-- \nMarc Dupont\nDirecteur')).toBe('Ok pour moi');
    expect(latestReplyText('Yes\n\nSent from my iPhone')).toBe('Yes');
  });

  it('keeps a bottom-posted answer and never returns less than the prospect wrote', () => {
    expect(latestReplyText('> Would a call work?\nYes, Thursday.')).toBe('Yes, Thursday.');
    expect(latestReplyText('> only a quote')).toBe('');
    expect(latestReplyText('From: someone\nHello there')).toBe('From: someone\nHello there');
  });
});

describe('features', () => {
  it('folds accents, apostrophes and case so French spelled either way matches', () => {
    expect(foldText('Désinscrivez-MOI, c’est ÉNERVANT')).toBe("desinscrivez-moi, c'est enervant");
  });

  it('merges emails, links, days, times, emoji and numbers into shared markers', () => {
    const marked = markedText('Mardi 14h30 👍 or tuesday 3pm? mail jane@acme.example, see https://x.example/a 42');
    expect(marked).toBe('xday xtime xemopos or xday xtime xquestion mail xemail , see xurl xnum');
    expect(readableMarked('xday xtime works xquestion')).toBe('<day> <time> works ?');
  });

  it('gives unigrams and bigrams once each', () => {
    const features = replyFeatures('not interested, not interested');
    expect(features).toEqual(['not', 'interested', 'not interested', 'interested not']);
  });

  it('lists addresses once, lowercased, without a trailing full stop', () => {
    expect(emailAddressesIn('Write to Jane.Doe@Acme.example. Or jane.doe@acme.example')).toEqual(['jane.doe@acme.example']);
  });
});

describe('detectReplyLanguage', () => {
  it('tells English from French by their function words', () => {
    expect(detectReplyLanguage('Thanks, not for us right now').language).toBe('en');
    expect(detectReplyLanguage('Merci, ce n’est pas pour nous').language).toBe('fr');
    expect(detectReplyLanguage('Intéressé, envoyez-moi une démo').language).toBe('fr');
  });

  it('falls back to the given language when the reply shows none', () => {
    expect(detectReplyLanguage('👍', 'fr')).toMatchObject({ language: 'fr', decided: false });
    expect(detectReplyLanguage('ok', 'en')).toMatchObject({ language: 'en', decided: false });
  });
});
