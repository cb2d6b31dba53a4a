import { TRPCClientError } from '@trpc/react-query';
import { describe, expect, it } from 'vitest';
import type { ErrorParams, WireIssue } from '../../shared/error-reasons.js';
import { createTranslator } from '../i18n/index.js';
import { describeError, describeImportRow, describeIssue, fieldErrorTexts, fieldLabel, RestError, topLevelFieldErrorTexts } from './error-text.js';

const en = createTranslator('en');
const fr = createTranslator('fr');

/** A failed tRPC call as the client receives it (the server's errorFormatter puts the envelope in `data`). */
function apiError(message: string, data: { code?: string; reason?: string; params?: ErrorParams; issues?: WireIssue[] }) {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, ...data } } });
}

const issue = (path: (string | number)[], code: string, params?: ErrorParams): WireIssue => ({ path, code, message: 'english server text', ...(params ? { params } : {}) });

describe('a refused field, named by its label', () => {
  const labels = { name: 'Campaign name', 'templates.*.subject': 'Subject line', workspaceName: 'Nom de l’espace' };

  it('says how long a text may be, singular or plural, in both languages', () => {
    const tooLong = issue(['name'], 'too_big', { origin: 'string', maximum: 120, inclusive: true, exact: false });
    expect(describeIssue(en, tooLong, labels)).toBe('Campaign name must be at most 120 characters long');
    expect(describeIssue(fr, tooLong, { name: 'Nom de la campagne' })).toBe('Nom de la campagne : 120 caractères au maximum');
    const tooShort = issue(['password'], 'too_small', { origin: 'string', minimum: 10, inclusive: true, exact: false });
    expect(describeIssue(en, tooShort, { password: 'Password' })).toBe('Password must be at least 10 characters long');
    expect(describeIssue(fr, tooShort, { password: 'Mot de passe' })).toBe('Mot de passe : au moins 10 caractères');
    // French counts 1 as singular; so does English.
    const oneChar = issue(['code'], 'too_big', { origin: 'string', maximum: 1 });
    expect(describeIssue(en, oneChar, { code: 'Code' })).toBe('Code must be at most 1 character long');
    expect(describeIssue(fr, oneChar, { code: 'Code' })).toBe('Code : 1 caractère au maximum');
  });

  it('tells "at least 1 character" (an empty field) as "required"', () => {
    const empty = issue(['name'], 'too_small', { origin: 'string', minimum: 1, inclusive: true, exact: false });
    expect(describeIssue(en, empty, labels)).toBe('Campaign name is required');
    expect(describeIssue(fr, empty, { name: 'Nom' })).toBe('Nom : champ obligatoire');
  });

  it('counts items, not characters, in a list', () => {
    const noDay = issue(['sendDays'], 'too_small', { origin: 'array', minimum: 1, inclusive: true, exact: false });
    expect(describeIssue(en, noDay, { sendDays: 'Sending days' })).toBe('Sending days must list at least 1 item');
    expect(describeIssue(fr, noDay, { sendDays: 'Jours d’envoi' })).toBe('Jours d’envoi : au moins 1 élément');
    const tooMany = issue(['tags'], 'too_big', { origin: 'array', maximum: 20, inclusive: true, exact: false });
    expect(describeIssue(en, tooMany)).toBe('Tags can list at most 20 items');
    expect(describeIssue(fr, tooMany)).toBe('Étiquettes : 20 éléments au maximum');
  });

  it('formats numbers in the language', () => {
    const limit = issue(['dailyLimit'], 'too_big', { origin: 'number', maximum: 10000, inclusive: true, exact: false });
    expect(describeIssue(en, limit)).toBe('Daily limit must be at most 10,000');
    expect(describeIssue(fr, limit)).toBe('Limite quotidienne : 10\u202f000 au maximum');
  });

  it('names the format an email or a URL must have', () => {
    const email = issue(['email'], 'invalid_format', { format: 'email' });
    expect(describeIssue(en, email)).toBe('Email must be a valid email address');
    expect(describeIssue(fr, email)).toBe('E-mail : adresse e-mail non valide');
    const url = issue(['extra', 'url'], 'invalid_format', { format: 'url' });
    expect(describeIssue(en, url, { url: 'Webhook URL' })).toBe('Webhook URL must be a valid URL');
    expect(describeIssue(fr, url, { url: 'URL du webhook' })).toBe('URL du webhook : URL non valide');
    expect(describeIssue(fr, issue(['id'], 'invalid_format', { format: 'regex' }), { id: 'Identifiant' })).toBe('Identifiant : format non valide');
  });

  it('words the custom password rules, with their params', () => {
    const common = issue(['password'], 'custom', { rule: 'password.common' });
    expect(describeIssue(en, common, { password: 'Password' })).toBe('Password is too common: choose another one');
    expect(describeIssue(fr, common, { password: 'Mot de passe' })).toBe('Mot de passe : ce mot de passe est trop courant, choisissez-en un autre');
    const variety = issue(['password'], 'custom', { rule: 'password.variety', minimum: 4 });
    expect(describeIssue(en, variety, { password: 'Password' })).toBe('Password must use at least 4 different characters');
    expect(describeIssue(fr, variety, { password: 'Mot de passe' })).toBe('Mot de passe : utilisez au moins 4 caractères différents');
  });

  it('words a URL pointing to a private network with its host', () => {
    const privateUrl = issue(['extra', 'url'], 'custom', { rule: 'url.private', host: '127.0.0.1' });
    expect(describeIssue(fr, privateUrl, { url: 'URL du webhook' })).toBe(
      'URL du webhook : pointe vers une adresse de réseau privée ou réservée (127.0.0.1), que ce serveur refuse',
    );
  });

  it('falls back to a generic sentence for a rule it does not know, never to the English text', () => {
    const unknown = issue(['name'], 'custom', { rule: 'something.new' });
    expect(describeIssue(fr, unknown, { name: 'Nom' })).toBe('Nom : valeur non valide');
    expect(describeIssue(fr, issue(['name'], 'invalid_union'), { name: 'Nom' })).toBe('Nom : valeur non valide');
  });

  it('says "required" for a missing field, and names the expected type otherwise', () => {
    expect(describeIssue(en, issue(['email'], 'invalid_type', { expected: 'string', received: 'undefined' }))).toBe('Email is required');
    expect(describeIssue(fr, issue(['port'], 'invalid_type', { expected: 'int' }))).toBe('Port : doit être un nombre entier');
  });
});

describe('field labels', () => {
  it('come from the form first (exact path, list index as *, field name), then a generic label, then the name made readable', () => {
    expect(fieldLabel(en, ['templates', 2, 'subject'], { 'templates.2.subject': 'Third subject', 'templates.*.subject': 'Subject line' })).toBe('Third subject');
    expect(fieldLabel(en, ['templates', 0, 'subject'], { 'templates.*.subject': 'Subject line' })).toBe('Subject line');
    expect(fieldLabel(fr, ['smtp', 'host'], { host: 'Serveur' })).toBe('Serveur');
    expect(fieldLabel(fr, ['smtp', 'host'])).toBe('Hôte');
    expect(fieldLabel(en, ['warmup', 'rampUpSpeed'])).toBe('Ramp up speed');
    expect(fieldLabel(fr, ['customFields', 'Job Level'])).toBe('Colonne «\u00a0Job Level\u00a0»');
    expect(fieldLabel(fr, [])).toBe('Ce formulaire');
  });
});

describe('an API error as one sentence', () => {
  it('uses the reason, with its params, in the user’s language', () => {
    const wrong = apiError('Invalid email or password', { code: 'UNAUTHORIZED', reason: 'auth.invalid_credentials' });
    expect(describeError(en, wrong, 'fallback')).toBe('Wrong email or password.');
    expect(describeError(fr, wrong, 'fallback')).toBe('E-mail ou mot de passe incorrect.');
    const throttled = apiError('Too many sign-in attempts: try again in 15 minute(s)', { reason: 'auth.too_many_attempts', params: { minutes: 15 } });
    expect(describeError(fr, throttled, 'fallback')).toBe('Trop de tentatives de connexion : réessayez dans 15 min.');
  });

  it('words each refused field of a validation error, by the form’s labels', () => {
    const invalid = apiError('name: Name must be at most 120 characters; sendDays: Pick at least one sending day', {
      reason: 'input.invalid',
      issues: [
        issue(['name'], 'too_big', { origin: 'string', maximum: 120, inclusive: true, exact: false }),
        issue(['sendDays'], 'too_small', { origin: 'array', minimum: 1, inclusive: true, exact: false }),
      ],
    });
    expect(describeError(fr, invalid, 'fallback', { name: 'Nom', sendDays: 'Jours d’envoi' })).toBe('Nom : 120 caractères au maximum ; Jours d’envoi : au moins 1 élément');
    expect(fieldErrorTexts(en, invalid, { name: 'Name' })).toEqual({ name: 'Name must be at most 120 characters long', sendDays: 'Sending days must list at least 1 item' });
  });

  it('prefers the reason over the issues when the error has both (a duplicate, a taken address)', () => {
    const duplicate = apiError('A prospect with the email ana@acme.com already exists', {
      code: 'CONFLICT',
      reason: 'prospect.duplicate_email',
      params: { email: 'ana@acme.com' },
      issues: [issue(['email'], 'custom', { rule: 'prospect.duplicate' })],
    });
    expect(describeError(fr, duplicate, 'fallback')).toBe('Un prospect avec l’e-mail ana@acme.com existe déjà.');
    expect(topLevelFieldErrorTexts(fr, duplicate, { email: 'E-mail' })).toEqual({ email: 'E-mail : un prospect avec cette valeur existe déjà' });
  });

  it('keeps the caller’s fallback for a network failure and for internal errors', () => {
    expect(describeError(fr, new TypeError('Failed to fetch'), 'Impossible de joindre le serveur.')).toBe('Impossible de joindre le serveur.');
    expect(describeError(fr, TRPCClientError.from(new Error('socket hang up')), 'Échec.')).toBe('Échec.');
    expect(describeError(fr, apiError('Something went wrong on our side', { reason: 'server.internal' }), 'Échec de l’enregistrement.')).toBe('Échec de l’enregistrement.');
  });

  it('shows the server’s English message only for a reason this client does not know', () => {
    expect(describeError(fr, apiError('Brand new refusal', { reason: 'feature.not_yet_known' }), 'fallback')).toBe('Brand new refusal');
  });

  it('reads REST envelopes (uploads, exports) the same way', () => {
    const rest = new RestError(400, { message: 'The file is empty', reason: 'import.file_empty' });
    expect(describeError(fr, rest, 'fallback')).toBe('Le fichier est vide.');
    expect(describeError(fr, new RestError(502, null), 'L’import a échoué.')).toBe('L’import a échoué.');
  });
});

describe('an import row error', () => {
  const labels = { email: 'E-mail', timezone: 'Fuseau horaire' };

  it('words each refused field of the row', () => {
    const row = {
      message: 'Email is not a valid address; Timezone is not a known time zone (e.g. Europe/Paris)',
      code: 'row.invalid',
      params: { issues: [issue(['email'], 'custom', { rule: 'email.invalid' }), issue(['timezone'], 'custom', { rule: 'timezone.invalid' })] },
    };
    expect(describeImportRow(fr, row, labels)).toBe('E-mail : adresse e-mail non valide ; Fuseau horaire : fuseau horaire inconnu (par ex. Europe/Paris)');
    expect(describeImportRow(en, row, { email: 'Email', timezone: 'Time zone' })).toBe(
      'Email is not a valid address; Time zone must be a known time zone such as Europe/Paris',
    );
  });

  it('words whole-row problems, and keeps the stored message of rows reported before codes existed', () => {
    expect(describeImportRow(fr, { message: 'x', code: 'row.shifted', params: { values: 5, columns: 3 } })).toBe(
      'La ligne a 5 valeurs mais l’en-tête a 3 colonnes (un séparateur dans une valeur sans guillemets\u00a0?).',
    );
    expect(describeImportRow(fr, { message: 'No email and no LinkedIn URL', code: 'row.no_contact' })).toBe('Ni e-mail ni URL LinkedIn');
    expect(describeImportRow(fr, { message: 'Empty row: skipped', code: 'row.empty' })).toBe('Ligne vide : ignorée');
    expect(describeImportRow(fr, { message: 'x', code: 'row.excluded_domain', params: { domain: 'competitor.com' } })).toBe('Ignorée : le domaine competitor.com est exclu par votre ICP');
    expect(describeImportRow(en, { message: 'x', code: 'row.excluded_company', params: { company: 'Rival Corp' } })).toBe('Skipped: the company Rival Corp is excluded by your ICP');
    expect(describeImportRow(fr, { message: 'Unreadable row: Invalid Closing Quote' })).toBe('Unreadable row: Invalid Closing Quote');
  });
});
