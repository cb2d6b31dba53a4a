import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestClient } from '../../../tests/helpers/test-app.js';
import { createTranslator } from '../i18n/index.js';
import { describeError, describeImportRow, fieldErrorTexts, RestError, type ImportRowErrorView } from './error-text.js';

/**
 * The sentences the French (and English) UI shows for errors the real server sends: the same
 * tRPC client and REST envelope the browser gets, worded by the client's formatter.
 */
const en = createTranslator('en');
const fr = createTranslator('fr');

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await startTestApp();
  admin = t.client();
  await admin.signUp({ email: 'words@example.com' });
});
afterAll(async () => {
  await t.stop();
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('server errors in the user’s language', () => {
  it('sign-in with a wrong password', async () => {
    const error = await failure(t.client().trpc().auth.signIn.mutate({ email: 'words@example.com', password: 'not my password' }));
    expect(describeError(fr, error, 'réseau')).toBe('E-mail ou mot de passe incorrect.');
    expect(describeError(en, error, 'network')).toBe('Wrong email or password.');
  });

  it('sign-up with an address already taken, and with a weak password (named by the form’s label)', async () => {
    const signUp = (password: string, email: string) => t.client().trpc().auth.signUp.mutate({ email, password, name: 'Zoé', workspaceName: 'Zoé SAS' });
    expect(describeError(fr, await failure(signUp('correct horse battery staple', 'words@example.com')), 'réseau')).toBe(
      'Un compte existe déjà avec cet e-mail : connectez-vous plutôt.',
    );
    const weak = await failure(signUp('password123', 'zoe@example.com'));
    expect(fieldErrorTexts(fr, weak, { password: 'Mot de passe' })).toEqual({ password: 'Mot de passe : ce mot de passe est trop courant, choisissez-en un autre' });
    const short = await failure(signUp('short', 'zoe@example.com'));
    expect(fieldErrorTexts(fr, short, { password: 'Mot de passe' }).password).toBe('Mot de passe : au moins 10 caractères');
  });

  it('a webhook URL that is not a URL (no more "extra.url: must be a valid URL")', async () => {
    const error = await failure(admin.trpc().credentials.save.mutate({ service: 'webhook', extra: { url: 'hooks example com' } }));
    expect(describeError(fr, error, 'échec', { url: 'URL du webhook' })).toBe('URL du webhook : URL non valide');
    expect(describeError(en, error, 'failed', { url: 'Webhook URL' })).toBe('Webhook URL must be a valid URL');
  });

  it('a campaign name too long, and a campaign that cannot be paused', async () => {
    const long = await failure(admin.trpc().campaigns.create.mutate({ name: 'x'.repeat(130) }));
    expect(fieldErrorTexts(fr, long, { name: 'Nom de la campagne' })).toEqual({ name: 'Nom de la campagne : 120 caractères au maximum' });
    const draft = await admin.trpc().campaigns.create.mutate({ name: 'Brouillon' });
    const pause = await failure(admin.trpc().campaigns.update.mutate({ id: draft.id, status: 'paused' }));
    expect(describeError(fr, pause, 'échec')).toBe('Une campagne en brouillon ne peut pas être mise en pause : lancez-la d’abord.');
  });

  it('import row errors, from the REST import report', async () => {
    const response = await fetch(`${t.url}/api/admin/prospects/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: admin.cookieHeader(), origin: t.url },
      body: 'email,timezone\nnope,Europe/Paris\nana@acme.com,Mars/Base\n',
    });
    const report = (await response.json()) as { errors: ImportRowErrorView[] };
    expect(report.errors.map((row) => describeImportRow(fr, row, { email: 'E-mail', timezone: 'Fuseau horaire' }))).toEqual([
      'E-mail : adresse e-mail non valide',
      'Fuseau horaire : fuseau horaire inconnu (par ex. Europe/Paris)',
    ]);
    const empty = await fetch(`${t.url}/api/admin/prospects/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: admin.cookieHeader(), origin: t.url },
      body: '  \n',
    });
    const body = (await empty.json()) as { error: RestError['envelope'] };
    expect(describeError(fr, new RestError(empty.status, body.error), 'échec')).toBe('Le fichier est vide.');
  });
});
