import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.js';
import type { ImportRowError } from './prospects.schemas.js';
import { buildPlan, toImportRow } from './csv-rows.js';
import { importCsvText, signedIn } from './prospects.test-helpers.js';

const refusal = (record: string[], headers: string[]) => {
  const outcome = toImportRow(record, buildPlan(headers, undefined));
  if (outcome.ok) throw new Error('expected the row to be refused');
  return outcome.error;
};

describe('a refused CSV row', () => {
  const headers = ['email', 'first name', 'timezone', 'tags', 'Job Level'];

  it('keeps its English message and gives each refused field as an issue (path, zod code or rule, params)', () => {
    const error = refusal(['not-an-email', 'x'.repeat(101), 'Mars/Olympus', 'ok', 'senior'], headers);
    expect(error.code).toBe('row.invalid');
    expect(error.message).toBe('Email is not a valid address; First name must be at most 100 characters; Timezone is not a known time zone (e.g. Europe/Paris)');
    expect(error.params?.issues).toEqual([
      { path: ['email'], message: 'Email is not a valid address', code: 'custom', params: { rule: 'email.invalid' } },
      { path: ['firstName'], message: 'First name must be at most 100 characters', code: 'too_big', params: { origin: 'string', maximum: 100, inclusive: true, exact: false } },
      { path: ['timezone'], message: 'Timezone is not a known time zone (e.g. Europe/Paris)', code: 'custom', params: { rule: 'timezone.invalid' } },
    ]);
  });

  it('names a custom column by its key, and tags by the list', () => {
    const error = refusal(['a@acme.com', 'Ana', '', 'x'.repeat(51), 'y'.repeat(2001)], headers);
    expect(error.params?.issues).toEqual([
      expect.objectContaining({ path: ['tags'], code: 'too_big', params: expect.objectContaining({ origin: 'string', maximum: 50 }) }),
      expect.objectContaining({ path: ['customFields', 'Job Level'], code: 'too_big', params: expect.objectContaining({ maximum: 2000 }) }),
    ]);
  });

  it('says why a whole row is refused: shifted columns, no contact', () => {
    expect(refusal(['a@acme.com', 'Ana', '', '', '', 'extra'], headers)).toEqual({
      message: 'The row has 6 values but the header has 5 columns (a delimiter in an unquoted value?)',
      code: 'row.shifted',
      params: { values: 6, columns: 5 },
    });
    expect(refusal(['', 'Ana', '', '', ''], headers)).toEqual({ message: 'No email and no LinkedIn URL', code: 'row.no_contact' });
  });
});

describe('the import report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('returns, and keeps, each row error with its code and params', async () => {
    const { client } = await signedIn(t);
    const csv = 'email,first name\nok@acme.com,Ok\nnot-an-email,Bad\n,Nobody\n';
    const res = await importCsvText(client, csv);
    expect(res.status).toBe(200);
    const expected: ImportRowError[] = [
      { row: 3, message: 'Email is not a valid address', code: 'row.invalid', params: { issues: [{ path: ['email'], message: 'Email is not a valid address', code: 'custom', params: { rule: 'email.invalid' } }] } },
      { row: 4, message: 'No email and no LinkedIn URL', code: 'row.no_contact' },
    ];
    expect(res.body.errors).toEqual(expected);
    // Stored as reported: the progress view polled during the import reads them back the same.
    const status = await client.trpc().prospects.importStatus.query({ id: res.body.importId });
    expect(status.errors).toEqual(expected);
  });
});
