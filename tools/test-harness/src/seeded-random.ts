/**
 * A small seeded pseudo-random generator (mulberry32) for chaos tests: the same seed gives the same
 * choices (which gateway dies, when, how much traffic), so a failing seed can be run again.
 * Not for anything secret.
 */
export interface SeededRandom {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both included). */
  integer(min: number, max: number): number;
}

/** The generator for `seed` (any 32-bit integer). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}

/**
 * The seeds of a chaos test: the comma-separated integers of environment variable `name` when set
 * (to run a failing seed again), else `defaults`.
 */
export function seedsFrom(name: string, defaults: readonly number[]): readonly number[] {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return defaults;
  const seeds = text.split(',').map((part) => Number(part.trim()));
  if (seeds.some((seed) => !Number.isSafeInteger(seed))) throw new TypeError(`${name} must be comma-separated integers, got "${text}"`);
  return seeds;
}
