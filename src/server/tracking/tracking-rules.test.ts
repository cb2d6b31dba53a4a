import { describe, expect, it } from 'vitest';
import { applyTracking, isLikelyBot, textToHtml } from './tracking-rules.js';

let n = 0;
const options = (opens: boolean, clicks: boolean) => ({ opens, clicks, appUrl: 'https://app.example/', token: 'a'.repeat(32), newLinkToken: () => `link${++n}` });

describe('tracking at compose time', () => {
  it('points http(s) links at redirects, keeps mailto and anchors, records the decoded URL', () => {
    const { html, links } = applyTracking('<p><a href="https://x.example/a?b=1&amp;c=2">A</a> <a href="mailto:me@x.example">me</a> <a href=\'http://y.example\'>Y</a></p>', options(false, true));
    expect(links.map((link) => link.url)).toEqual(['https://x.example/a?b=1&c=2', 'http://y.example']);
    expect(html).toContain(`href="https://app.example/t/c/${links[0]!.token}"`);
    expect(html).toContain('href="mailto:me@x.example"');
    expect(html).not.toContain('/t/o/');
  });

  it('adds the pixel only for opens', () => {
    expect(applyTracking('<p>Hi</p>', options(true, false)).html).toContain(`src="https://app.example/t/o/${'a'.repeat(32)}.gif"`);
    expect(applyTracking('<p>Hi</p>', options(false, false)).html).toBe('<p>Hi</p>');
  });

  it('turns plain text into escaped HTML whose links show their real address', () => {
    expect(textToHtml('Hi <you>,\nsee https://x.example/p?q=1.')).toBe('<div>Hi &#60;you&#62;,<br>see <a href="https://x.example/p?q=1">https://x.example/p?q=1</a>.</div>');
  });

  it('tells scanners and prefetches from people', () => {
    expect(isLikelyBot('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36', 'GET')).toBe(false);
    expect(isLikelyBot('Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', 'GET')).toBe(false);
    expect(isLikelyBot('Barracuda Sentinel', 'GET')).toBe(true);
    expect(isLikelyBot(undefined, 'GET')).toBe(true);
    expect(isLikelyBot('Mozilla/5.0 Chrome', 'HEAD')).toBe(true);
  });
});
