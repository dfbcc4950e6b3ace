import type { BenchContext } from './context';

/** The two servers of a paired comparison. */
export type PairSide = 'on' | 'off';

/** One pair of windows: the values measured on each side. */
export interface WindowPair {
  readonly on: Record<string, number>;
  readonly off: Record<string, number>;
}

/**
 * Measure `pairs` pairs of windows on two servers that stay up for the whole case: pair 1 measures
 * `off` then `on`, pair 2 `on` then `off`, and so on, one window at a time, so the server not being
 * measured is idle and the two windows of a pair see the same machine a second apart. A pair whose
 * window fails is logged and left out (`undefined`); the run goes on with the next pair.
 */
export async function measurePairs(
  context: BenchContext,
  label: string,
  pairs: number,
  measure: (side: PairSide) => Promise<Record<string, number>>,
): Promise<Array<WindowPair | undefined>> {
  const results: Array<WindowPair | undefined> = [];
  for (let pair = 1; pair <= pairs; pair++) {
    const order: readonly PairSide[] = pair % 2 === 1 ? ['off', 'on'] : ['on', 'off'];
    try {
      const values: Partial<Record<PairSide, Record<string, number>>> = {};
      for (const side of order) values[side] = await measure(side);
      const { on, off } = values as Record<PairSide, Record<string, number>>;
      results.push({ on, off });
      context.log(`  ${label} pair ${pair} (${order.join(' → ')}): on ${format(on)} | off ${format(off)}`);
    } catch (error) {
      results.push(undefined);
      context.log(`  ! ${label} pair ${pair}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return results;
}

function format(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${Number.isInteger(value) ? value : value.toFixed(3)}`)
    .join(' ');
}
