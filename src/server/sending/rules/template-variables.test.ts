import { describe, expect, it } from 'vitest';
import { renderStep } from './render-message.js';
import { BUILT_IN_VARIABLES, buildVariableLookup, countMissingValues, customFieldSlug, findVariable, variableCatalogue } from './template-variables.js';

describe('the variable catalogue', () => {
  it('offers prospect, enrichment and sender variables with an i18n key and an example, then custom fields', () => {
    const names = BUILT_IN_VARIABLES.map((definition) => definition.name);
    for (const name of ['firstName', 'lastName', 'fullName', 'email', 'company', 'companyDomain', 'title', 'industry', 'location', 'openingLine', 'talkingPoints.0', 'fitScore', 'senderName', 'senderFirstName', 'signature']) {
      expect(names).toContain(name);
    }
    expect(findVariable('talkingPoints.2', [])).toMatchObject({ group: 'enrichment', descriptionKey: 'sending.variables.talkingPoints' });
    const catalogue = variableCatalogue(['Industry Note', 'Pain point (2)', 'Industry Note']);
    expect(catalogue.filter((definition) => definition.group === 'custom')).toEqual([
      { name: 'custom.industry_note', group: 'custom', descriptionKey: 'sending.variables.custom', example: null, emptyAllowed: false, customKey: 'Industry Note' },
      { name: 'custom.pain_point_2', group: 'custom', descriptionKey: 'sending.variables.custom', example: null, emptyAllowed: false, customKey: 'Pain point (2)' },
    ]);
  });

  it('slugs custom keys: lower case, accents dropped, other runs to _', () => {
    expect(customFieldSlug('  Secteur d’activité ')).toBe('secteur_d_activite');
    expect(findVariable('custom.secteur_d_activite', ['Secteur d’activité'])?.customKey).toBe('Secteur d’activité');
    expect(findVariable('custom.unknown', ['Known'])).toBeNull();
    expect(findVariable('nope', [])).toBeNull();
  });
});

describe('buildVariableLookup', () => {
  const lookup = buildVariableLookup({
    prospect: { firstName: 'Camille', lastName: 'Martin', email: 'camille@Client.example', company: '  ', customFields: { 'Industry Note': 'cold chain', exact_key: 'exact' } },
    enrichment: { openingLine: 'Saw your Lyon opening.', talkingPoints: ['fleet', 'routes'], fitScore: 82 },
    sender: { fromName: ' Alex  Durand', fromEmail: 'alex@us.example', signature: null, companyName: 'Us' },
  });

  it('resolves names case- and underscore-insensitively, and derives fullName and companyDomain', () => {
    expect(['firstName', 'first_name', 'FIRSTNAME', 'fullName', 'companyDomain', 'fitScore', 'talkingPoints.1', 'senderFirstName', 'senderCompany'].map(lookup)).toEqual([
      'Camille',
      'Camille',
      'Camille',
      'Camille Martin',
      'client.example',
      '82',
      'routes',
      'Alex',
      'Us',
    ]);
  });

  it('treats blank values as missing, except the signature which may be empty', () => {
    expect(lookup('company')).toBeNull();
    expect(lookup('talkingPoints.2')).toBeNull();
    expect(lookup('title')).toBeNull();
    expect(lookup('signature')).toBe('');
  });

  it('reads custom fields by exact key or slug', () => {
    expect(lookup('custom.industry_note')).toBe('cold chain');
    expect(lookup('custom.exact_key')).toBe('exact');
    expect(lookup('custom.missing')).toBeNull();
  });

  it('counts which prospects lack each variable', () => {
    const lookups = [lookup, buildVariableLookup({ prospect: { firstName: 'Léa', company: 'Acme' } }), buildVariableLookup({ prospect: {} })];
    expect(buildVariableLookup({ prospect: { firstName: 'Léa ' } })('fullName')).toBe('Léa');
    expect(countMissingValues(['firstName', 'company', 'openingLine'], lookups)).toEqual({ firstName: 1, company: 2, openingLine: 2 });
  });

  it('renders hostile prospect data literally end to end, and holds on a missing one', () => {
    const hostile = buildVariableLookup({ prospect: { firstName: '{{email}}', company: '{Acme|Evil}', email: 'secret@client.example' } });
    const seed = { prospectId: 'p1', stepPosition: 1, variantIndex: 0 };
    const rendered = renderStep({ subject: 'For {{company}}', body: 'Hi {{firstName}}', bodyFormat: 'text' }, hostile, seed);
    expect([rendered.subject, rendered.body, rendered.hold]).toEqual(['For {Acme|Evil}', 'Hi {{email}}', null]);
    const missing = renderStep({ subject: 'For {{company}}', body: 'Hi {{lastName}}', bodyFormat: 'text' }, hostile, seed);
    expect(missing.hold).toEqual({ code: 'unresolved_variables', variables: ['lastName'] });
  });
});
