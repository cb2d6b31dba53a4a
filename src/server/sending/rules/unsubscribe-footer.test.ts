import { describe, expect, it } from 'vitest';
import { MessageBuildError } from './message-headers.js';
import { buildFooter, withFooter } from './unsubscribe-footer.js';

const url = 'https://app.example.com/u/k3y9vq2m7x1c8b4n6z0p5r';

describe('footer', () => {
  it('has the unsubscribe line and the postal address in English', () => {
    const footer = buildFooter({ language: 'en', unsubscribeUrl: url, postalAddress: '12 rue de la Paix\n75002 Paris\nFrance', companyName: 'Acme' });
    expect(footer.text).toBe(`\n--\nTo stop receiving these emails, unsubscribe here: ${url}\nAcme, 12 rue de la Paix, 75002 Paris, France`);
    expect(footer.html).toContain(`<a href="${url}">Unsubscribe</a>`);
    expect(footer.html).toContain('Acme, 12 rue de la Paix, 75002 Paris, France');
  });

  it('speaks French, or both languages when the recipient language is unknown', () => {
    const fr = buildFooter({ language: 'fr', unsubscribeUrl: url, postalAddress: '12 rue de la Paix, Paris' });
    expect(fr.text).toContain(`Pour ne plus recevoir ces e-mails, désinscrivez-vous ici\u00a0: ${url}`);
    expect(fr.html).toContain('>Se désinscrire</a>');
    const both = buildFooter({ language: 'both', unsubscribeUrl: url, postalAddress: 'Paris' });
    expect(both.text.indexOf('Pour ne plus')).toBeLessThan(both.text.indexOf('To stop receiving'));
  });

  it('escapes HTML in the address and company, and refuses a missing address', () => {
    const footer = buildFooter({ language: 'en', unsubscribeUrl: `${url}?a=1&b="2"`, postalAddress: '<script>x</script> $& road', companyName: 'A&B' });
    expect(footer.html).toContain('A&amp;B, &lt;script&gt;x&lt;/script&gt; $&amp; road');
    expect(footer.html).toContain('href="https://app.example.com/u/k3y9vq2m7x1c8b4n6z0p5r?a=1&amp;b=&quot;2&quot;"');
    expect(() => buildFooter({ language: 'en', unsubscribeUrl: url, postalAddress: ' \n ' })).toThrow(MessageBuildError);
  });

  it('goes after the body, inside <body> for a full HTML document, keeping $ patterns literal', () => {
    const footer = buildFooter({ language: 'en', unsubscribeUrl: url, postalAddress: "1 $' street" });
    const body = withFooter({ text: 'Hi Camille,\n\nAlex\n\n', html: '<html><body><p>Hi</p></body></html>' }, footer);
    expect(body.text).toBe(`Hi Camille,\n\nAlex\n${footer.text}`);
    expect(body.html).toBe(`<html><body><p>Hi</p>${footer.html}</body></html>`);
    expect(withFooter({ text: 'Hi', html: null }, footer).html).toBeNull();
  });
});
