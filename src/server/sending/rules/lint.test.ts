import { describe, expect, it } from 'vitest';
import { countLinks, lintStep, stepVariablePaths, type LintInput, type LintWarning } from './lint.js';
import { buildVariableLookup, countMissingValues } from './template-variables.js';

const base: LintInput = { stepIndex: 0, subject: 'Quick question about {{company}}', body: 'Hi {{firstName|there}},\n\nA short note.', bodyFormat: 'text', customFieldKeys: [] };
const lint = (patch: Partial<LintInput>) => lintStep({ ...base, ...patch });
const codes = (warnings: LintWarning[]) => warnings.map((warning) => warning.code);

describe('lintStep', () => {
  it('says nothing about a clean step', () => {
    expect(lint({})).toEqual([]);
  });

  it('flags unknown variables: an error without fallback, a warning with one', () => {
    const warnings = lint({ subject: 'Hi {{frstName}}', body: '{{custom.industry_note|your field}} and {{custom.known}}', customFieldKeys: ['Known'] });
    expect(warnings).toEqual([
      { code: 'unknown_variable', severity: 'error', field: 'subject', params: { variable: 'frstName', hasFallback: false } },
      { code: 'unknown_variable', severity: 'warning', field: 'body', params: { variable: 'custom.industry_note', hasFallback: true } },
    ]);
  });

  it('accepts aliases, custom slugs and any talking point index', () => {
    expect(lint({ subject: 'Hi {{first_name}}', body: '{{custom.industry_note}} {{talkingPoints.7}} {{SENDERNAME}}', customFieldKeys: ['Industry Note'] })).toEqual([]);
  });

  it('warns about variables without fallback that some prospects lack, with the count, and not when a fallback exists', () => {
    const warnings = lint({ subject: 'For {{company}}', body: 'Hi {{firstName|there}}, {{openingLine}}', missing: { company: 3, firstName: 12, openingLine: 0 } });
    expect(warnings).toEqual([{ code: 'variable_may_be_missing', severity: 'warning', field: 'subject', params: { variable: 'company', prospects: 3 } }]);
  });

  it('takes the missing counts straight from the campaign prospects', () => {
    const step = { subject: 'For {{company}}', body: 'Hi {{firstName|there}}, {{company}}' };
    expect(stepVariablePaths(step)).toEqual(['company', 'firstName']);
    const prospects = [{ company: 'Acme' }, {}, { company: ' ' }].map((prospect) => buildVariableLookup({ prospect }));
    const missing = countMissingValues(stepVariablePaths(step), prospects);
    expect(lint({ ...step, missing })).toEqual([
      { code: 'variable_may_be_missing', severity: 'warning', field: 'subject', params: { variable: 'company', prospects: 2 } },
      { code: 'variable_may_be_missing', severity: 'warning', field: 'body', params: { variable: 'company', prospects: 2 } },
    ]);
  });

  it('reports broken syntax as errors', () => {
    expect(lint({ body: 'Hi {{firstName' })[0]).toMatchObject({ code: 'template_syntax', severity: 'error', field: 'body', params: { issue: 'unclosed_variable', offset: 3 } });
  });

  it('needs a subject on the first step only, and a body always', () => {
    expect(codes(lint({ subject: '  ' }))).toEqual(['empty_subject_first_step']);
    expect(lint({ stepIndex: 1, subject: '' })).toEqual([]);
    expect(codes(lint({ body: '' }))).toEqual(['empty_body']);
  });

  it('counts links above two', () => {
    const body = 'See https://a.example, http://b.example/x?y=1 and www.c.example';
    expect(lint({ body })).toContainEqual({ code: 'too_many_links', severity: 'warning', field: 'body', params: { count: 3, max: 2 } });
    expect(codes(lint({ body: 'One https://a.example and two https://b.example' }))).not.toContain('too_many_links');
    expect(countLinks('<a href="https://a">https://a</a> <A HREF=x>y</A>', 'html')).toBe(2);
  });

  it('warns about long subjects, counting variables at a typical length and the longest spintax option', () => {
    const long = lint({ subject: 'A subject that is rather long for a cold email to {{company}} people' });
    expect(long).toContainEqual({ code: 'subject_too_long', severity: 'warning', field: 'subject', params: { length: 50 + 'Acme Industries'.length + 7, max: 60 } });
    expect(codes(lint({ subject: '{Hi|A much much longer option that pushes the subject over sixty chars}' }))).toContain('subject_too_long');
    expect(codes(lint({ subject: 'Short one for {{company}}' }))).not.toContain('subject_too_long');
  });

  it('flags an all-caps subject, and shouting words elsewhere, but not common acronyms', () => {
    expect(codes(lint({ subject: 'QUICK QUESTION FOR YOU' }))).toEqual(['subject_all_caps']);
    expect(lint({ subject: 'A FREE audit', body: 'Our GDPR and HTML work, the CEO said' })).toContainEqual({
      code: 'caps_words',
      severity: 'warning',
      field: 'subject',
      params: { words: ['FREE'] },
    });
    expect(codes(lint({ subject: 'GDPR audit for {{company}}' }))).toEqual([]);
  });

  it('finds spam phrases in English and French, whole words only, ignoring case and accents', () => {
    const warnings = lint({ subject: 'Offre EXCLUSIVE pour vous', body: 'Cliquez ici, c’est gratuit et 100% garanti. Act now!' });
    expect(warnings).toContainEqual({ code: 'spam_words', severity: 'warning', field: 'subject', params: { words: ['offre exclusive'], languages: ['fr'] } });
    const body = warnings.find((warning) => warning.code === 'spam_words' && warning.field === 'body');
    expect(body?.params).toEqual({ words: ['act now', '100%', 'gratuit', 'garanti', 'cliquez ici'], languages: ['en', 'fr'] });
    expect(codes(lint({ body: 'We freed up time; carefree teams. Freedom!' }))).toEqual([]);
    expect(codes(lint({ body: 'Une offre spéciale' }))).toContain('spam_words');
    expect(codes(lint({ body: 'Une OFFRE SPECIALE' }))).toContain('spam_words');
  });

  it('flags excessive punctuation and currency runs', () => {
    expect(lint({ subject: 'Hello!!!' })).toContainEqual({ code: 'excessive_punctuation', severity: 'warning', field: 'subject', params: { sequences: ['!!!'] } });
    expect(lint({ body: 'Save $$$ now?!' })).toContainEqual({ code: 'excessive_punctuation', severity: 'warning', field: 'body', params: { sequences: ['$$$', '?!'] } });
    expect(lint({ subject: 'Hi! Quick one! Really!' })).toContainEqual({ code: 'excessive_punctuation', severity: 'warning', field: 'subject', params: { sequences: ['!!!'] } });
    expect(codes(lint({ subject: 'Hi! Quick question' }))).toEqual([]);
  });

  it('ignores markup when checking HTML bodies', () => {
    expect(codes(lint({ body: '<P STYLE="COLOR:RED">Hello</P>', bodyFormat: 'html' }))).toEqual([]);
  });
});
