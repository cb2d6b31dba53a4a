import { hasNoNul } from '../../shared/text-rules.js';
import { isReservedKey } from '../../shared/reserved-keys.js';
import type { ReasonWithParams } from '../../shared/error-reasons.js';
import { wireIssue } from '../error-envelope.js';
import { AppError, fieldIssue, type ErrorIssue } from '../errors.js';
import { headerRank, suggestMapping } from './csv-columns.js';
import { FIELD_LIMITS, PROSPECT_FIELDS, prospectFieldRules, splitTags, type ProspectField, type ProspectTextField } from './prospect-fields.js';
import type { ProspectBatchRow } from './prospect-batch.js';
import type { ColumnTarget, ImportRowError } from './prospects.schemas.js';

/** Turning one CSV record into a prospect row (or the reason it cannot be one). */

export type ImportPlan = {
  /** For each field, the columns that feed it, best first. */
  fields: Map<ProspectField, number[]>;
  /** Columns kept in `custom_fields`, with their key. */
  custom: { index: number; key: string }[];
  columnCount: number;
};

/** A mapping refused as a whole: its reason, and the `mapping` field marked. */
const mappingIssue = (refusal: ReasonWithParams, message: string) =>
  new AppError('BAD_REQUEST', message, { ...refusal, issues: [fieldIssue(['mapping'], 'import.mapping', message)] });

export function buildPlan(headers: string[], mapping: ColumnTarget[] | undefined): ImportPlan {
  const targets = mapping ?? suggestMapping(headers);
  if (targets.length !== headers.length) {
    throw mappingIssue({ reason: 'import.mapping_length', params: { mappingColumns: targets.length, fileColumns: headers.length } }, `The mapping has ${targets.length} columns but the file has ${headers.length}`);
  }
  const fields = new Map<ProspectField, number[]>();
  const custom: ImportPlan['custom'] = [];
  const usedKeys = new Set<string>();
  targets.forEach((target, index) => {
    if (target === 'ignore') return;
    if (target === 'custom') {
      let key = headers[index]!.slice(0, FIELD_LIMITS.customFieldKey) || `column ${index + 1}`;
      // A header such as "constructor" is kept, under a name that cannot poison a stored object.
      if (isReservedKey(key)) key = `${key} (column)`;
      // Two columns with one header keep both values.
      for (let n = 2; usedKeys.has(key); n++) key = `${headers[index]!.slice(0, FIELD_LIMITS.customFieldKey - 4)} (${n})`;
      usedKeys.add(key);
      custom.push({ index, key });
      return;
    }
    const list = fields.get(target) ?? [];
    list.push(index);
    fields.set(target, list);
  });
  for (const [field, columns] of fields) columns.sort((a, b) => headerRank(headers[a]!, field, a) - headerRank(headers[b]!, field, b));
  if (!fields.has('email') && !fields.has('linkedinUrl')) throw mappingIssue({ reason: 'import.mapping_contact' }, 'Map a column to Email or LinkedIn URL');
  if (custom.length > FIELD_LIMITS.customFields) {
    throw mappingIssue({ reason: 'import.too_many_custom', params: { max: FIELD_LIMITS.customFields } }, `At most ${FIELD_LIMITS.customFields} columns can be kept as custom fields; ignore the others`);
  }
  return { fields, custom, columnCount: headers.length };
}

const TEXT_FIELDS = PROSPECT_FIELDS.filter((field): field is ProspectTextField => field !== 'tags');

function valueOf(record: string[], columns: number[], field: ProspectField): string {
  if (field === 'location') {
    const parts = columns.map((i) => (record[i] ?? '').trim()).filter(Boolean);
    return [...new Set(parts)].join(', ');
  }
  for (const i of columns) {
    const value = (record[i] ?? '').trim();
    if (value) return value;
  }
  return '';
}

export type RowOutcome = { ok: true; row: ProspectBatchRow } | { ok: false; error: Omit<ImportRowError, 'row'> };

const tooLong = (path: (string | number)[], maximum: number, message: string): ErrorIssue => ({
  path,
  message,
  code: 'too_big',
  params: { origin: 'string', maximum, inclusive: true, exact: false },
});

/**
 * Validates one record with the same rules as the manual form, into the row the batch insert takes.
 */
export function toImportRow(record: string[], plan: ImportPlan): RowOutcome {
  // More values than headers means the columns are shifted (an unquoted delimiter): every field would be wrong.
  if (record.length > plan.columnCount && record.slice(plan.columnCount).some((value) => value.trim() !== '')) {
    const message = `The row has ${record.length} values but the header has ${plan.columnCount} columns (a delimiter in an unquoted value?)`;
    return { ok: false, error: { message, code: 'row.shifted', params: { values: record.length, columns: plan.columnCount } } };
  }
  const problems: ErrorIssue[] = [];
  const row: ProspectBatchRow = {
    email: null,
    firstName: null,
    lastName: null,
    fullName: null,
    linkedinUrl: null,
    title: null,
    company: null,
    companyDomain: null,
    industry: null,
    location: null,
    timezone: null,
    tags: [],
    customFields: {},
  };
  for (const field of TEXT_FIELDS) {
    const columns = plan.fields.get(field);
    if (!columns) continue;
    const parsed = prospectFieldRules[field].safeParse(valueOf(record, columns, field));
    if (parsed.success) row[field] = parsed.data;
    else problems.push({ ...wireIssue(parsed.error.issues[0]!), path: [field] });
  }
  const tagColumns = plan.fields.get('tags');
  if (tagColumns) {
    const tags = [...new Set(tagColumns.flatMap((i) => splitTags(record[i] ?? '')))];
    if (tags.some((tag) => tag.length > FIELD_LIMITS.tag)) problems.push(tooLong(['tags'], FIELD_LIMITS.tag, `A tag must be at most ${FIELD_LIMITS.tag} characters`));
    else if (!tags.every(hasNoNul)) problems.push(fieldIssue(['tags'], 'text.nul', 'Tag must not contain a NUL character'));
    else if (tags.length > FIELD_LIMITS.tags) {
      problems.push({ path: ['tags'], message: `At most ${FIELD_LIMITS.tags} tags`, code: 'too_big', params: { origin: 'array', maximum: FIELD_LIMITS.tags, inclusive: true, exact: false } });
    }
    else row.tags = tags;
  }
  for (const { index, key } of plan.custom) {
    const value = (record[index] ?? '').trim();
    if (!value) continue;
    if (value.length > FIELD_LIMITS.customFieldValue) problems.push(tooLong(['customFields', key], FIELD_LIMITS.customFieldValue, `Column "${key}" must be at most ${FIELD_LIMITS.customFieldValue} characters`));
    else if (!hasNoNul(value)) problems.push(fieldIssue(['customFields', key], 'text.nul', `Column "${key}" must not contain a NUL character`));
    else row.customFields[key] = value;
  }
  if (problems.length) return { ok: false, error: { message: problems.map((problem) => problem.message).join('; '), code: 'row.invalid', params: { issues: problems } } };
  if (!row.email && !row.linkedinUrl) return { ok: false, error: { message: 'No email and no LinkedIn URL', code: 'row.no_contact' } };
  // A file with only a full name still gets a first name to greet people with.
  if (!row.firstName && !row.lastName && row.fullName) {
    const [first, ...rest] = row.fullName.split(/\s+/);
    row.firstName = first!.slice(0, FIELD_LIMITS.firstName);
    row.lastName = rest.join(' ').slice(0, FIELD_LIMITS.lastName) || null;
  }
  return { ok: true, row };
}
