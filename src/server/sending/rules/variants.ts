import { hashString, pickIndex } from './seeded-random.js';

/**
 * A/B variants: a step has 1 (no test) to `MAX_VARIANTS_PER_STEP` versions; each prospect gets
 * one. Two ways, both deterministic:
 * - `assignVariant` (the send path): the variant with the fewest prospects so far, ties broken
 *   by the seed, so counts never drift more than one apart however many prospects enter (a hash
 *   alone drifts by about √n). The engine stores the index it got, so a retry or a later render
 *   does not re-assign.
 * - `variantForSeed`: a stateless hash, for previews before anything is stored.
 */

export const MAX_VARIANTS_PER_STEP = 4;

export function variantSeed(prospectId: string, stepPosition: number): string {
  return `${prospectId}:step:${stepPosition}`;
}

export function variantForSeed(seed: string, variantCount: number): number {
  return pickIndex(seed, checkedCount(variantCount));
}

/** The index to give the next prospect, from how many each variant already has. */
export function assignVariant(input: { assignedCounts: readonly number[]; seed: string }): number {
  const count = checkedCount(input.assignedCounts.length);
  const lowest = Math.min(...input.assignedCounts);
  const tied: number[] = [];
  for (let index = 0; index < count; index++) if ((input.assignedCounts[index] ?? 0) === lowest) tied.push(index);
  return tied[hashString(input.seed) % tied.length] ?? 0;
}

function checkedCount(variantCount: number): number {
  if (!Number.isInteger(variantCount) || variantCount < 1 || variantCount > MAX_VARIANTS_PER_STEP) {
    throw new RangeError(`A step has 1 to ${MAX_VARIANTS_PER_STEP} variants, got ${variantCount}`);
  }
  return variantCount;
}
