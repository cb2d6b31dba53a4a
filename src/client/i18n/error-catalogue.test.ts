import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_REASONS, IMPORT_ROW_CODES, type ErrorReason } from '../../shared/error-reasons.js';
import { ISSUE_RULES, type IssueRule } from '../../shared/issue-rules.js';
import { errorIssues, errorReasons, errorRules } from './messages/errors.js';

const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.ts$|\.test-helpers\.ts$|\.test-data\.ts$/.test(name) ? [full] : [];
  });
}

const serverSource = sourceFiles(path.join(SRC, 'server')).map((file) => readFileSync(file, 'utf8'));
const sharedSource = sourceFiles(path.join(SRC, 'shared'))
  .filter((file) => !/error-reasons\.ts$|issue-rules\.ts$/.test(file))
  .map((file) => readFileSync(file, 'utf8'));

/** `{name}` placeholders, leaving out `{{variable}}` (template syntax shown to the user as is). */
const placeholders = (text: string) => [...new Set([...text.replace(/\{\{\w+\}\}/g, '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))].sort();

/** Every quoted literal in the code that names a key of `registry`. */
function literalsOf(sources: string[], registry: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  for (const text of sources) for (const match of text.matchAll(/'([a-z_]+(?:\.[a-z_]+)*)'/g)) if (Object.hasOwn(registry, match[1]!)) found.add(match[1]!);
  return found;
}

describe('server error reasons', () => {
  const used = literalsOf(serverSource, ERROR_REASONS);
  // Reasons written in an AppError's options (other `reason:` keys in the code mean other things).
  const explicit = new Set(serverSource.flatMap((text) => [...text.matchAll(/new AppError\([^;]*?reason: '([^']+)'/g)].map((match) => match[1]!)));

  it('are all in the registry, and every registered reason is thrown somewhere in src/server', () => {
    expect([...explicit].filter((reason) => !Object.hasOwn(ERROR_REASONS, reason))).toEqual([]);
    expect(Object.keys(ERROR_REASONS).filter((reason) => !used.has(reason))).toEqual([]);
    // The walk really sees the throw sites (a broken regex would make both checks above pass).
    expect(used.size).toBeGreaterThan(80);
    expect(explicit.size).toBeGreaterThan(40);
    expect(used).toContain('auth.invalid_credentials');
  });

  it('each have an English and a French sentence naming exactly the params the server sends', () => {
    const problems: string[] = [];
    for (const [reason, params] of Object.entries(ERROR_REASONS) as [ErrorReason, readonly string[]][]) {
      const key = `error.reason.${reason}` as const;
      const en = errorReasons.en[key];
      const fr = errorReasons.fr[key];
      if (!en || !fr) problems.push(`${reason}: missing`);
      else {
        if (placeholders(en).join() !== [...params].sort().join()) problems.push(`${reason}: EN {${placeholders(en).join()}} vs params [${[...params].sort().join()}]`);
        if (placeholders(fr).join() !== placeholders(en).join()) problems.push(`${reason}: FR {${placeholders(fr).join()}} vs EN {${placeholders(en).join()}}`);
        if (fr === en) problems.push(`${reason}: French is the English text`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('field rules', () => {
  it('are each used by a refinement or a service check, and registered when used', () => {
    const used = literalsOf([...serverSource, ...sharedSource], ISSUE_RULES);
    expect(Object.keys(ISSUE_RULES).filter((rule) => !used.has(rule))).toEqual([]);
    // Rules as `refused(…)` and `fieldIssue(…)` name them: `'text.nul'` or `{ rule: 'password.variety', … }`.
    const call = /(?:refused|fieldIssue)\((?:\[[^\]]*\],\s*)?(?:\{\s*rule:\s*)?'([^']+)'/g;
    const named = new Set([...serverSource, ...sharedSource].flatMap((text) => [...text.matchAll(call)].map((match) => match[1]!)));
    expect(named.size).toBeGreaterThan(25);
    expect([...named].filter((rule) => !Object.hasOwn(ISSUE_RULES, rule))).toEqual([]);
  });

  it('each have an English and a French sentence with the field and exactly the rule’s params', () => {
    const problems: string[] = [];
    for (const [rule, params] of Object.entries(ISSUE_RULES) as [IssueRule, readonly string[]][]) {
      const key = `error.rule.${rule}` as const;
      const en = errorRules.en[key];
      const fr = errorRules.fr[key];
      const expected = [...params].sort().join();
      if (placeholders(en).filter((name) => name !== 'field').join() !== expected) problems.push(`${rule}: EN {${placeholders(en).join()}} vs params [${expected}]`);
      if (placeholders(fr).join() !== placeholders(en).join()) problems.push(`${rule}: FR {${placeholders(fr).join()}} vs EN {${placeholders(en).join()}}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('import row codes', () => {
  it('each have a sentence in both languages (row.invalid is worded field by field)', () => {
    for (const code of IMPORT_ROW_CODES.filter((candidate) => candidate !== 'row.invalid')) {
      const key = `error.${code}` as keyof typeof errorIssues.en;
      expect(errorIssues.en[key], code).toBeTruthy();
      expect(placeholders(errorIssues.fr[key]), code).toEqual(placeholders(errorIssues.en[key]));
    }
  });
});
