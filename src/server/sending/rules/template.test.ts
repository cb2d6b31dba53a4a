import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, templateVariables, type VariableLookup } from './template.js';
import { renderStep } from './render-message.js';
import { buildVariableLookup } from './template-variables.js';

const values = (map: Record<string, string>): VariableLookup => (path) => map[path] ?? null;
const render = (source: string, map: Record<string, string> = {}, seed = 'seed', mode: 'text' | 'html' | 'header' = 'text') =>
  renderTemplate(source, values(map), { seed, mode });

describe('variables', () => {
  it('inserts values, dotted paths and spaces inside the braces', () => {
    const result = render('Hi {{ firstName }}, about {{talkingPoints.0}} at {{custom.industry_note}}.', {
      firstName: 'Camille',
      'talkingPoints.0': 'your new warehouse',
      'custom.industry_note': 'cold chain',
    });
    expect(result).toEqual({ text: 'Hi Camille, about your new warehouse at cold chain.', unresolved: [], usedFallbacks: [], issues: [] });
  });

  it('uses the fallback when the value is missing, including an empty fallback', () => {
    expect(render('Hi {{firstName|there}},').text).toBe('Hi there,');
    expect(render('Hi {{firstName | there }},').text).toBe('Hi there,');
    expect(render('Hi{{firstName|}},').text).toBe('Hi,');
    expect(render('Hi {{firstName|there}},', { firstName: 'Léa' }).text).toBe('Hi Léa,');
    expect(render('{{firstName|there}}').usedFallbacks).toEqual(['firstName']);
  });

  it('reports a missing value without fallback as unresolved, once, and keeps it visible for the preview', () => {
    const result = render('Hi {{firstName}}, {{company}} and {{firstName}}', { company: 'Acme' });
    expect(result.unresolved).toEqual(['firstName']);
    expect(result.text).toBe('Hi {{firstName}}, Acme and {{firstName}}');
  });

  it('never parses a value again: template syntax inside a value is written literally', () => {
    const lookup = values({ firstName: '{{email}}', company: '{Acme|Evil}', email: 'x@y.z', title: '{{nope' });
    const result = renderTemplate('Hi {{firstName}} from {{company}} ({{title}})', lookup, { seed: 's', mode: 'text' });
    expect(result).toEqual({ text: 'Hi {{email}} from {Acme|Evil} ({{nope)', unresolved: [], usedFallbacks: [], issues: [] });
  });

  it('escapes values and fallbacks in HTML bodies but keeps the template markup', () => {
    const result = render('<p>Hi {{firstName}} — {{company|A&B}}</p>', { firstName: '<script>alert(1)</script>"' }, 's', 'html');
    expect(result.text).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;&quot; — A&amp;B</p>');
  });

  it('reports malformed variables as issues and keeps them as text', () => {
    const unclosed = render('Hi {{firstName, welcome');
    expect(unclosed.issues.map((issue) => issue.code)).toEqual(['unclosed_variable']);
    expect(unclosed.text).toBe('Hi {{firstName, welcome');
    const badName = render('Hi {{first name}} and {{}}');
    expect(badName.issues.map((issue) => issue.code)).toEqual(['invalid_variable_name', 'invalid_variable_name']);
    expect(badName.text).toBe('Hi {{first name}} and {{}}');
    const nested = render('{{firstName|{{company}}}}', { company: 'Acme' });
    expect(nested.issues[0]?.code).toBe('unclosed_variable');
  });

  it('lists the variables a template uses, inside spintax too', () => {
    expect(templateVariables(parseTemplate('{{a}} {x {{b|y}}|z} {{c.d}}'))).toEqual([
      { path: 'a', fallback: null },
      { path: 'b', fallback: 'y' },
      { path: 'c.d', fallback: null },
    ]);
  });
});

describe('spintax', () => {
  it('picks one option, the same one for the same seed, and varies across seeds', () => {
    const template = '{Hi|Hello|Hey} there';
    const first = render(template, {}, 'prospect-1:1:0');
    expect(render(template, {}, 'prospect-1:1:0').text).toBe(first.text);
    expect(['Hi there', 'Hello there', 'Hey there']).toContain(first.text);
    const seen = new Set(Array.from({ length: 60 }, (_, index) => render(template, {}, `prospect-${index}`).text));
    expect(seen).toEqual(new Set(['Hi there', 'Hello there', 'Hey there']));
  });

  it('allows nesting and variables inside options, and does not clash with {{ }}', () => {
    const seen = new Set(Array.from({ length: 80 }, (_, index) => render('{Hi {{firstName}}|Hello {there|friend}}!', { firstName: 'Ana' }, `s${index}`).text));
    expect(seen).toEqual(new Set(['Hi Ana!', 'Hello there!', 'Hello friend!']));
    expect(render('{a|{{firstName}}}', { firstName: 'Ana' }, 'x').issues).toEqual([]);
    // The bar of a fallback belongs to the variable, not to the spintax around it.
    const withFallback = new Set(Array.from({ length: 40 }, (_, index) => render('{Hi {{firstName|there}}|Hello}', {}, `s${index}`).text));
    expect(withFallback).toEqual(new Set(['Hi there', 'Hello']));
  });

  it('leaves braces without a bar as text and reports a spintax that never closes', () => {
    expect(render('Use {braces} and a lone } or |').text).toBe('Use {braces} and a lone } or |');
    expect(render('{ {{firstName}} }', { firstName: 'Ana' }).text).toBe('{ Ana }');
    const broken = render('{Hi|Hello there');
    expect(broken.issues.map((issue) => issue.code)).toEqual(['unclosed_spintax']);
    expect(broken.text).toBe('{Hi|Hello there');
    expect(render('Price {starts at 10').issues).toEqual([]);
  });

  it('survives absurd nesting without a stack overflow', () => {
    const deep = '{'.repeat(50_000) + 'a|b' + '}'.repeat(50_000);
    expect(() => render(deep)).not.toThrow();
  });
});

describe('subjects (header mode)', () => {
  it('collapses CR/LF and control characters coming from values into single spaces', () => {
    const result = render('Re: {{company}}', { company: 'Acme\r\nBcc: victim@example.com\u0000 Inc' }, 's', 'header');
    expect(result.text).toBe('Re: Acme Bcc: victim@example.com Inc');
    for (const forbidden of ['\r', '\n', '\u0000']) expect(result.text).not.toContain(forbidden);
  });
});

describe('renderStep', () => {
  const lookup = buildVariableLookup({
    prospect: { firstName: 'Camille', email: 'camille@acme.example', company: 'Acme' },
    sender: { fromName: 'Alex Durand', fromEmail: 'alex@us.example' },
  });
  const seed = { prospectId: 'p1', stepPosition: 1, variantIndex: 0 };

  it('renders a sendable message, deterministically', () => {
    const content = { subject: '{Quick question|Idea} for {{company}}', body: 'Hi {{firstName}},\n\n{{signature}}', bodyFormat: 'text' as const };
    const first = renderStep(content, lookup, seed);
    expect(first.hold).toBeNull();
    expect(first.body).toBe('Hi Camille,\n\n');
    expect(renderStep(content, lookup, seed)).toEqual(first);
  });

  it('holds a message with an unresolved variable, naming it', () => {
    const result = renderStep({ subject: 'For {{company}}', body: 'About {{openingLine}}', bodyFormat: 'text' }, lookup, seed);
    expect(result.hold).toEqual({ code: 'unresolved_variables', variables: ['openingLine'] });
  });

  it('holds a message with broken syntax before anything else, and an empty body', () => {
    expect(renderStep({ subject: 'Hi {{firstName', body: '{{x}}', bodyFormat: 'text' }, lookup, seed).hold?.code).toBe('template_syntax');
    expect(renderStep({ subject: 'Hi', body: '{{custom.note|}}  ', bodyFormat: 'text' }, lookup, seed).hold).toEqual({ code: 'empty_body' });
  });
});
