import fc from 'fast-check';

/**
 * How hard the fuzz tests push. `pnpm test` runs the quick profile (≥ 100,000 cases in all, most
 * of them in-process); `pnpm fuzz` sets `GATEWIRE_FUZZ_PROFILE=full` for ten times as many.
 * Every run is seeded: `GATEWIRE_FUZZ_SEED` replays a run, and a failure prints the seed and the
 * path of the shrunk counterexample (fast-check's report), so it can be reproduced exactly.
 */
export const FUZZ_PROFILE = process.env['GATEWIRE_FUZZ_PROFILE'] === 'full' ? 'full' : 'quick';

const scale = FUZZ_PROFILE === 'full' ? 10 : 1;

/** The seed of this run: from `GATEWIRE_FUZZ_SEED`, else drawn once per run. */
export const FUZZ_SEED = process.env['GATEWIRE_FUZZ_SEED'] === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(process.env['GATEWIRE_FUZZ_SEED']);

/** fast-check parameters for a property that runs `quickRuns` cases in the quick profile. */
export function fuzzParameters<T>(quickRuns: number): fc.Parameters<T> {
  return { numRuns: quickRuns * scale, seed: FUZZ_SEED, endOnFailure: false };
}

/** Test timeout for a property of `quickRuns` cases at `msPerCase` (generous: a backstop, not a bound). */
export function fuzzTimeoutMs(quickRuns: number, msPerCase: number): number {
  return Math.max(60_000, quickRuns * scale * msPerCase * 4);
}
