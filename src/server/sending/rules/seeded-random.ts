/**
 * Deterministic hashing and pseudo-random numbers from a string seed. The send path and the live
 * preview must make the same choices (spintax, A/B variant, gap jitter) from the same inputs, so
 * nothing here reads `Math.random()`.
 */

/** A well-mixed unsigned 32-bit hash of `text` (FNV-1a over UTF-16 units, then murmur3's finaliser). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV-1a alone leaves the low bits poorly mixed for short, similar seeds (uuid + step number):
  // `hash % n` would then favour some variants. The finaliser spreads every input bit.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** An index in `[0, count)` chosen by `seed`. */
export function pickIndex(seed: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`pickIndex needs a positive whole count, got ${count}`);
  return hashString(seed) % count;
}

/** A generator of numbers in `[0, 1)` (mulberry32) seeded from `seed`: the same seed, the same sequence. */
export function seededRandom(seed: string): () => number {
  let state = hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
