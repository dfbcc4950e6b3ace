import { summarizeCase, type CaseResult, type CaseSpec, type Samples } from '../results';
import { sleep } from '../sleep';
import type { SystemName } from '../systems/types';
import type { BenchContext } from './context';

/** A failed measurement is tried once more (a child can die of causes outside the bench, e.g. a rebuild). */
const MAX_ATTEMPTS = 2;
const RETRY_DELAY_MS = 1000;

/** One measurement of one system: metric key → value. */
export type Measure = (system: SystemName, round: number) => Promise<Record<string, number>>;

/**
 * Run a case as A B C D E, A B C D E, … for `rounds` rounds, so slow drift of a shared machine hits
 * every system alike. A measurement that fails twice is recorded as an error and NaN, and the run goes on.
 */
export async function runAlternating(context: BenchContext, spec: CaseSpec, rounds: number, measure: Measure): Promise<CaseResult> {
  const samples: Samples = {};
  const errors: Partial<Record<SystemName, string[]>> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const system of spec.systems) {
      const perMetric = (samples[system] ??= Object.fromEntries(spec.metrics.map((metric) => [metric.key, [] as number[]])));
      let values: Record<string, number> = {};
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        try {
          values = await measure(system, round);
          break;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          context.log(`  ! ${spec.id} ${system} round ${round} attempt ${attempt}: ${message}`);
          if (attempt === MAX_ATTEMPTS) (errors[system] ??= []).push(`round ${round}: ${message}`);
          else await sleep(RETRY_DELAY_MS);
        }
      }
      for (const metric of spec.metrics) (perMetric[metric.key] ??= []).push(values[metric.key] ?? Number.NaN);
      context.log(`  ${spec.id} r${round} ${system}: ${formatValues(values)}`);
    }
  }
  return summarizeCase(spec, rounds, samples, errors);
}

function formatValues(values: Record<string, number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${Number.isInteger(value) ? value : value.toFixed(3)}`)
    .join(' ');
}
