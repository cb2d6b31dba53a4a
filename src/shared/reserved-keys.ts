/**
 * Names that must never become keys of an object we store or send: `__proto__` can rewrite an
 * object's prototype, and superjson (our tRPC transformer) refuses all three as prototype
 * pollution, so one stored row carrying one would make every list holding it unreadable.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}
