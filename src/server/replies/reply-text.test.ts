import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, htmlToPlainText } from './html-text.js';
import { replyTextForClassification, splitReplyText } from './reply-text.js';

const lines = (...text: string[]) => text.join('\n');

describe('splitReplyText: quoted history', () => {
  it('drops a Gmail "On … wrote:" header and the quote below it', () => {
    const split = splitReplyText(lines('Yes, Tuesday works.', '', 'On Mon, Jan 13, 2025 at 9:00 AM Alice <alice@ourco.example> wrote:', '> Would you have 15 minutes?', '> Alice'));
    expect(split.body).toBe('Yes, Tuesday works.');
    expect(split.quoted).toContain('Would you have 15 minutes?');
    expect(split.cuts).toContain('quote_header');
  });

  it('recognises a header Gmail wrapped over two lines', () => {
    const split = splitReplyText(lines('Not now, maybe in Q3.', '', 'On Mon, Jan 13, 2025 at 9:00 AM Alice Martin-Durand <alice.martin-durand@ourco.example>', 'wrote:', '', '> Our pitch about calls and meetings'));
    expect(split.body).toBe('Not now, maybe in Q3.');
    expect(split.quoted).not.toBe('');
  });

  it('drops a French Gmail header "Le … a écrit :"', () => {
    const split = splitReplyText(lines('Bonjour, oui pourquoi pas.', '', 'Le lun. 13 janv. 2025 à 09:00, Alice <alice@ourco.example> a écrit :', '> Bonjour, auriez-vous 15 minutes ?'));
    expect(split.body).toBe('Bonjour, oui pourquoi pas.');
  });

  it('drops a French Outlook block "De : … Envoyé : … À : … Objet :" and everything below', () => {
    const split = splitReplyText(
      lines(
        'Merci, envoyez-moi une proposition.',
        '',
        '________________________________',
        'De : Alice Martin <alice@ourco.example>',
        'Envoyé : lundi 13 janvier 2025 09:00',
        'À : Céline Dupont <celine@client.example>',
        'Objet : Petite question',
        '',
        'Bonjour Céline, auriez-vous 15 minutes pour un appel ?',
      ),
    );
    expect(split.body).toBe('Merci, envoyez-moi une proposition.');
    expect(split.quoted).toContain('auriez-vous 15 minutes');
    expect(split.cuts).toContain('outlook_header');
  });

  it('drops an English Outlook block and an "-----Original Message-----" one', () => {
    const outlook = splitReplyText(lines('Please call me.', 'From: Alice <alice@ourco.example>', 'Sent: Monday, January 13, 2025 9:00 AM', 'To: Bob', 'Subject: Quick question', '', 'Pitch'));
    expect(outlook.body).toBe('Please call me.');
    const original = splitReplyText(lines('Remove me.', '', '-----Original Message-----', 'From: Alice', 'Pitch about meetings'));
    expect(original.body).toBe('Remove me.');
    expect(original.cuts).toContain('original_message');
  });

  it('keeps an answer written below the quote (bottom-posting) and between quoted lines', () => {
    const split = splitReplyText(lines('On Mon, Alice <alice@ourco.example> wrote:', '> Would Tuesday work?', 'Tuesday is fine.', '> Or Thursday?', 'Not Thursday.'));
    expect(split.body).toBe('Tuesday is fine.\nNot Thursday.');
  });

  it('does not take "From:" in the prospect’s own prose for an Outlook header', () => {
    expect(splitReplyText(lines('From: our side, we are interested.', 'Can you send details?')).body).toBe('From: our side, we are interested.\nCan you send details?');
  });
});

describe('splitReplyText: signatures', () => {
  it('cuts at the "-- " delimiter and at mobile signatures, EN and FR', () => {
    expect(splitReplyText(lines('Interested.', '-- ', 'Bob Martin', 'CEO')).body).toBe('Interested.');
    expect(splitReplyText(lines('Sounds good', '', 'Sent from my iPhone')).body).toBe('Sounds good');
    expect(splitReplyText(lines('Ça marche', '', 'Envoyé de mon iPhone')).body).toBe('Ça marche');
    expect(splitReplyText(lines('Ok for Tuesday', '', 'Get Outlook for iOS')).body).toBe('Ok for Tuesday');
  });

  it('cuts a sign-off followed by a name, title and phone block', () => {
    const split = splitReplyText(lines('Happy to chat next week.', '', 'Best regards,', 'Bob Martin', 'Head of Sales | Prospect Inc.', '+33 1 23 45 67 89', 'www.prospect.example'));
    expect(split.body).toBe('Happy to chat next week.');
    expect(split.signature).toContain('+33 1 23 45 67 89');
    expect(split.cuts).toContain('sign_off');
    expect(splitReplyText(lines('Intéressé, appelez-moi.', '', 'Cordialement,', 'Jean Dupont', 'Directeur commercial')).body).toBe('Intéressé, appelez-moi.');
  });

  it('does not cut prose that follows a "Thanks" line', () => {
    const text = lines('Hi Alice,', 'Thanks', 'Could you send me the pricing for 20 seats?');
    expect(splitReplyText(text).body).toBe(text);
    const long = lines('Hi,', 'Merci', 'Nous aimerions organiser une démonstration avec toute notre équipe commerciale la semaine prochaine');
    expect(splitReplyText(long).body).toBe(long);
  });

  it('never strips everything: a message that is only a sign-off or only a quote keeps its first paragraph', () => {
    expect(splitReplyText('Thanks!').body).toBe('Thanks!');
    expect(splitReplyText('Merci').body).toBe('Merci');
    const quoteOnly = splitReplyText(lines('On Mon, Alice <alice@ourco.example> wrote:', '> Would Tuesday work?', '', '> Or Thursday?'));
    expect(quoteOnly.body).toBe('On Mon, Alice <alice@ourco.example> wrote:\n> Would Tuesday work?');
    expect(quoteOnly.cuts).toContain('kept_first_paragraph');
    expect(splitReplyText('   ').body).toBe('');
  });
});

describe('html → text fallback', () => {
  it('turns blocks into lines, quotes into ">" lines, and drops scripts and styles', () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body><div>Yes&nbsp;please</div><div>Call me<br>tomorrow</div>' +
      '<script>alert("x")</script><ul><li>one</li><li>two</li></ul>' +
      '<div class="gmail_quote">On Mon, Alice wrote:<blockquote><p>Our pitch</p><blockquote>older</blockquote></blockquote></div></body></html>';
    expect(htmlToPlainText(html)).toBe('Yes please\nCall me\ntomorrow\n\n- one\n- two\n\nOn Mon, Alice wrote:\n\n> Our pitch\n\n> > older');
  });

  it('decodes named and numeric entities; invalid code points become U+FFFD, unknown names stay', () => {
    expect(decodeHtmlEntities('&eacute;t&eacute; &amp; &#233;&#x20AC; &#0; &#xD800; &bogus; &lt;b&gt;')).toBe('été & é€ \uFFFD \uFFFD &bogus; <b>');
  });

  it('copes with broken markup: a lone "<", an unterminated comment or attribute', () => {
    expect(htmlToPlainText('a < b and <b>bold</b>')).toBe('a < b and bold');
    expect(htmlToPlainText('kept<!-- never closed <p>lost')).toBe('kept');
    expect(htmlToPlainText('<a href="x>y">link</a> text')).toBe('link text');
    expect(htmlToPlainText('<p title="unterminated>text')).toBe('<p title="unterminated>text');
  });

  it('stays linear on hostile input', () => {
    const hostile = '<a title="'.repeat(20_000) + '<!--'.repeat(20_000);
    const started = performance.now();
    htmlToPlainText(hostile);
    expect(performance.now() - started).toBeLessThan(10_000); // quadratic on this input takes minutes; 10 s survives a loaded CI machine
  });

  it('splits long messages in linear time (many header-like, quote-like and sign-off lines)', () => {
    for (const hostile of ['On x\n'.repeat(50_000), 'From: a\n'.repeat(50_000), 'Thanks\n'.repeat(50_000)]) {
      const started = performance.now();
      splitReplyText(hostile);
      expect(performance.now() - started).toBeLessThan(10_000); // quadratic on this input takes minutes; 10 s survives a loaded CI machine
    }
  });

  it('classifies from the HTML when the message has no text part', () => {
    expect(replyTextForClassification({ text: '', html: '<p>Interested!</p><p>Best,</p><p>Bob</p><blockquote>pitch</blockquote>' })).toBe('Interested!');
    expect(replyTextForClassification({ text: 'Plain wins', html: '<p>ignored</p>' })).toBe('Plain wins');
  });
});
