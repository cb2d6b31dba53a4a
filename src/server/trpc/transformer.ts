import { TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { RESERVED_KEYS } from '../../shared/reserved-keys.js';
import { exceedsDepth, tooDeepError } from './input-guard.js';

type Serialized = ReturnType<typeof superjson.serialize>;

/** A copy with reserved keys renamed (`constructor` → `constructor_`), walked iteratively. */
function withoutReservedKeys(value: unknown): unknown {
  const root: { value: unknown } = { value: undefined };
  const stack: { source: unknown; assign: (copy: unknown) => void }[] = [{ source: value, assign: (copy) => (root.value = copy) }];
  while (stack.length) {
    const { source, assign } = stack.pop()!;
    if (Array.isArray(source)) {
      const copy: unknown[] = new Array<unknown>(source.length);
      assign(copy);
      source.forEach((item, index) => stack.push({ source: item, assign: (c) => (copy[index] = c) }));
    } else if (source && typeof source === 'object' && Object.getPrototypeOf(source) === Object.prototype) {
      const copy: Record<string, unknown> = {};
      assign(copy);
      for (const [key, item] of Object.entries(source)) {
        let name = key;
        while (RESERVED_KEYS.has(name) || Object.hasOwn(copy, name)) name = `${name}_`;
        stack.push({ source: item, assign: (c) => Object.defineProperty(copy, name, { value: c, enumerable: true, writable: true, configurable: true }) });
      }
    } else {
      assign(source);
    }
  }
  return root.value;
}

/**
 * superjson, guarded both ways. Input: a structure too deep for superjson's recursive copy is
 * refused (400) before it is copied. Output: superjson throws on a `__proto__`/`constructor`/
 * `prototype` key; inputs refuse them, but a row stored before that rule must not make a whole
 * list unreadable (a 500 for everyone), so such keys are renamed and the answer goes out.
 */
export const transformer = {
  input: {
    serialize: (value: unknown): Serialized => superjson.serialize(value),
    deserialize: (payload: unknown): unknown => {
      if (exceedsDepth(payload)) {
        const cause = tooDeepError();
        throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
      }
      return superjson.deserialize(payload as Serialized);
    },
  },
  output: {
    serialize: (value: unknown): Serialized => {
      try {
        return superjson.serialize(value);
      } catch (error) {
        if (!(error instanceof Error) || !/prototype pollution/.test(error.message)) throw error;
        return superjson.serialize(withoutReservedKeys(value));
      }
    },
    deserialize: (payload: unknown): unknown => superjson.deserialize(payload as Serialized),
  },
};
