import { AppError, fieldIssue } from '../errors.js';
import { RESERVED_KEYS } from '../../shared/reserved-keys.js';

/**
 * Checks every procedure input gets before anything recursive touches it (superjson's copy, zod,
 * our own walks): a deep structure would overflow the stack (a 500), and values Postgres or the
 * transformer cannot take would fail later, far from the field that carried them.
 */

/** Deeper than any input of ours; well below what recursive code can walk. */
export const MAX_INPUT_DEPTH = 64;

type Path = (string | number)[];

export type InputProblem =
  | { kind: 'too_deep' }
  | { kind: 'nul'; path: Path }
  | { kind: 'surrogate'; path: Path }
  | { kind: 'reserved_key'; path: Path; key: string };

// With the `u` flag a paired surrogate reads as one code point: only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(value: string, path: Path): InputProblem | null {
  if (value.includes('\u0000')) return { kind: 'nul', path };
  // Postgres (text, jsonb) refuses a UTF-16 half that has no partner.
  if (LONE_SURROGATE.test(value)) return { kind: 'surrogate', path };
  return null;
}

/** Refuses only structures deeper than `maxDepth` (cheap, iterative): for the transport before it parses further. */
export function exceedsDepth(value: unknown, maxDepth = MAX_INPUT_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(node)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The first problem in an input, walked iteratively in document order: too deep, a NUL or lone
 * surrogate in a string or key, or a key (`__proto__`, `constructor`, `prototype`) that would
 * become a property of a stored object and that our transformer refuses to send back.
 */
export function inputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | null {
  const stack: { node: unknown; path: Path }[] = [{ node: value, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node, path);
      if (problem) return problem;
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    if (path.length >= maxDepth) return { kind: 'too_deep' };
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((item, index) => [index, item]) : Object.entries(node);
    for (const [key] of entries) {
      if (typeof key !== 'string') continue;
      const keyPath = [...path, key];
      if (RESERVED_KEYS.has(key)) return { kind: 'reserved_key', path: keyPath, key };
      const problem = textProblem(key, keyPath);
      if (problem) return problem;
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ node: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return null;
}

/** `firstName` → "First name", as the schemas' own messages name fields. */
function fieldLabel(path: Path): string {
  const field = [...path].reverse().find((segment): segment is string => typeof segment === 'string') ?? 'Input';
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

export function tooDeepError(maxDepth = MAX_INPUT_DEPTH): AppError {
  return new AppError('BAD_REQUEST', `The input is nested more than ${maxDepth} levels deep`, { reason: 'request.too_deep', params: { maxDepth } });
}

export function inputProblemError(problem: InputProblem): AppError {
  if (problem.kind === 'too_deep') return tooDeepError();
  if (problem.kind === 'reserved_key') {
    const message = `“${problem.key}” cannot be used as a name`;
    return new AppError('BAD_REQUEST', message, { reason: 'input.invalid', issues: [fieldIssue(problem.path, { rule: 'key.reserved', key: problem.key }, message)] });
  }
  const label = fieldLabel(problem.path);
  const [rule, message] =
    problem.kind === 'nul'
      ? (['text.nul', `${label} must not contain a NUL character`] as const)
      : (['text.surrogate', `${label} must not contain an unpaired UTF-16 surrogate (invalid Unicode text)`] as const);
  return new AppError('BAD_REQUEST', message, { reason: 'input.invalid', issues: [fieldIssue(problem.path, rule, message)] });
}
