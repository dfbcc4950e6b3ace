import { summarizeCase, type CaseResult, type MetricSpec, type ScenarioId } from '../results';
import { describeSpread, ratio } from '../stats';
import type { BenchContext } from './context';
import { withPairedSessions, type MeasureWindow, type PairedServer, type PairedSessionSpec } from './paired-sessions';
import { measurePairs, type WindowPair } from './paired-windows';

/** A scenario measured in paired windows: two sides, `[baseline, subject]`, compared pair by pair. */
export interface PairedScenario<S extends string> {
  readonly scenario: ScenarioId;
  /** `[baseline, subject]`; odd pairs measure the baseline first, even pairs the subject. */
  readonly sides: readonly [S, S];
  /** Each side's metric key and column label for its own value (operations per second). */
  readonly columns: Readonly<Record<S, { readonly key: string; readonly label: string }>>;
  /** How "subject ÷ baseline" reads, e.g. `on ÷ off`. */
  readonly ratioLabel: string;
  /** Also report the load generators' CPU time per operation, subject ÷ baseline. */
  readonly clientCpu: boolean;
  readonly pairs: number;
}

/** One case of a paired scenario: what each side runs and what one window measures. */
export interface PairedCase<S extends string> {
  readonly id: string;
  readonly title: string;
  readonly parameters: Readonly<Record<string, string | number>>;
  /** Unit of the per-side values (`req/s`, `/s`). */
  readonly unit: string;
  readonly sessions: Readonly<Record<S, PairedSessionSpec>>;
  /** The unmeasured warm-up of one side, run on both sides before the first pair. */
  readonly warmUp: (sides: Record<S, PairedServer>) => MeasureWindow<S>;
  readonly window: (sides: Record<S, PairedServer>) => MeasureWindow<S>;
  readonly notes: readonly string[];
}

/**
 * Run each case: both sides stay up for the whole case, are warmed up, then measured in
 * `scenario.pairs` pairs of windows (see {@link measurePairs}). The case reports the median of the
 * per-pair ratios (`ratio`, subject ÷ baseline of the windows' operations per second), each side's
 * median value, the median per-pair ratio of the server's (and, with `clientCpu`, the load
 * generators') CPU time per operation, and in its notes the spread of the pairs.
 */
export async function runPairedCases<S extends string>(context: BenchContext, scenario: PairedScenario<S>, cases: readonly PairedCase<S>[]): Promise<CaseResult[]> {
  const [baseline, subject] = scenario.sides;
  const results: CaseResult[] = [];
  for (const entry of cases) {
    const metrics: MetricSpec[] = [
      { key: 'ratio', label: scenario.ratioLabel, unit: '×', better: 'higher' },
      ...scenario.sides.map((side) => ({ ...scenario.columns[side], unit: entry.unit, better: 'higher' as const })),
      { key: 'serverCpuRatio', label: `server CPU ${scenario.ratioLabel}`, unit: '×', better: 'lower' },
      ...(scenario.clientCpu ? [{ key: 'clientCpuRatio', label: `client CPU ${scenario.ratioLabel}`, unit: '×', better: 'lower' as const }] : []),
    ];
    let measured: Array<WindowPair<S> | undefined> = [];
    const errors: string[] = [];
    try {
      measured = await withPairedSessions(context, scenario.sides, entry.sessions, async (sides) => {
        const warmUp = entry.warmUp(sides);
        for (const side of scenario.sides) await warmUp(side);
        return measurePairs(context, entry.id, scenario.pairs, scenario.sides, entry.window(sides));
      });
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      context.log(`  ! ${entry.id}: ${errors.at(-1)}`);
    }
    const done = measured.filter((pair): pair is WindowPair<S> => pair !== undefined);
    if (done.length < measured.length) errors.push(`${measured.length - done.length} of ${measured.length} pairs failed`);
    const perPair = (metric: string) => done.map((pair) => ratio(pair[subject][metric] ?? Number.NaN, pair[baseline][metric] ?? Number.NaN));
    const samples: Record<string, number[]> = {
      ratio: perPair('perSecond'),
      [scenario.columns[baseline].key]: done.map((pair) => pair[baseline]['perSecond'] ?? Number.NaN),
      [scenario.columns[subject].key]: done.map((pair) => pair[subject]['perSecond'] ?? Number.NaN),
      serverCpuRatio: perPair('serverCpuUs'),
      ...(scenario.clientCpu ? { clientCpuRatio: perPair('clientCpuUs') } : {}),
    };
    const spreads = [`${scenario.ratioLabel}: ${describeSpread(samples['ratio'] ?? [])}`, `server CPU ${scenario.ratioLabel}: ${describeSpread(samples['serverCpuRatio'] ?? [])}`];
    if (scenario.clientCpu) spreads.push(`client CPU ${scenario.ratioLabel}: ${describeSpread(samples['clientCpuRatio'] ?? [])}`);
    const spec = {
      scenario: scenario.scenario,
      id: entry.id,
      title: entry.title,
      parameters: entry.parameters,
      metrics,
      primaryMetric: 'ratio',
      systems: ['gatewire' as const],
      notes: [...entry.notes, `${done.length} pairs. Per pair, ${spreads.join('; ')}.`],
    };
    results.push(summarizeCase(spec, done.length, { gatewire: samples }, errors.length === 0 ? {} : { gatewire: errors }));
  }
  return results;
}
