import type { BenchContext } from './context';

/** One pair of windows: the values measured on each of the two sides `S`. */
export type WindowPair<S extends string> = Readonly<Record<S, Record<string, number>>>;

/**
 * Measure `pairs` pairs of windows on two sides (servers that stay up for the whole case): pair 1
 * measures `sides[0]` then `sides[1]`, pair 2 the other way round, and so on, one window at a time,
 * so the side not being measured is idle and the two windows of a pair see the same machine a
 * second apart. A pair whose window fails is logged and left out (`undefined`); the run goes on.
 */
export async function measurePairs<S extends string>(
  context: BenchContext,
  label: string,
  pairs: number,
  sides: readonly [S, S],
  measure: (side: S) => Promise<Record<string, number>>,
): Promise<Array<WindowPair<S> | undefined>> {
  const results: Array<WindowPair<S> | undefined> = [];
  for (let pair = 1; pair <= pairs; pair++) {
    const order: readonly S[] = pair % 2 === 1 ? sides : [sides[1], sides[0]];
    try {
      const values: Partial<Record<S, Record<string, number>>> = {};
      for (const side of order) values[side] = await measure(side);
      results.push(values as WindowPair<S>);
      context.log(`  ${label} pair ${pair} (${order.join(' → ')}): ${sides.map((side) => `${side} ${format(values[side] ?? {})}`).join(' | ')}`);
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
