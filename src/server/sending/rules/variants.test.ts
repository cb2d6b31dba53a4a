import { describe, expect, it } from 'vitest';
import { assignVariant, variantForSeed, variantSeed } from './variants.js';

describe('A/B variants', () => {
  it('assigns 10 000 prospects to 2, 3 and 4 variants evenly (never more than one apart)', () => {
    for (const variantCount of [2, 3, 4]) {
      const counts = new Array<number>(variantCount).fill(0);
      for (let index = 0; index < 10_000; index++) {
        const chosen = assignVariant({ assignedCounts: counts, seed: variantSeed(`prospect-${index}`, 1) });
        counts[chosen] = (counts[chosen] ?? 0) + 1;
      }
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(10_000);
    }
  });

  it('is deterministic for the same counts and seed, and picks the least-used variant', () => {
    expect(assignVariant({ assignedCounts: [5, 3, 5], seed: 'x' })).toBe(1);
    const seed = variantSeed('prospect-42', 2);
    expect(assignVariant({ assignedCounts: [4, 4], seed })).toBe(assignVariant({ assignedCounts: [4, 4], seed }));
  });

  it('gives a stateless hash that is stable and close to even for previews', () => {
    expect(variantForSeed('p1:step:1', 3)).toBe(variantForSeed('p1:step:1', 3));
    const counts = [0, 0];
    for (let index = 0; index < 10_000; index++) {
      const chosen = variantForSeed(variantSeed(`prospect-${index}`, 1), 2);
      counts[chosen] = (counts[chosen] ?? 0) + 1;
    }
    // A fair coin over 10 000 draws stays within ±3 % of 5 000 with overwhelming probability.
    expect(Math.abs((counts[0] ?? 0) - 5000)).toBeLessThan(300);
  });

  it('refuses a variant count outside 1–4', () => {
    expect(() => assignVariant({ assignedCounts: [], seed: 'x' })).toThrow(RangeError);
    expect(() => assignVariant({ assignedCounts: [0, 0, 0, 0, 0], seed: 'x' })).toThrow(RangeError);
    expect(() => variantForSeed('x', 0)).toThrow(RangeError);
    expect(variantForSeed('x', 1)).toBe(0);
  });
});
