import { median, ratio } from './stats';
import type { SystemName } from './systems/types';

/** The shape of `bench/results/latest.json` and of everything the report renders. */

export const RESULTS_SCHEMA_VERSION = 1;

export type ScenarioId = 'frames' | 'rpc-throughput' | 'rpc-latency' | 'broadcast' | 'memory' | 'handshake' | 'versus-ws' | 'bundle' | 'metrics-overhead' | 'cluster';

export interface MetricSpec {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
}

export interface CaseSpec {
  readonly scenario: ScenarioId;
  readonly id: string;
  readonly title: string;
  readonly parameters: Readonly<Record<string, string | number>>;
  readonly metrics: readonly MetricSpec[];
  /** The metric charted and used for ratios in the summary table. */
  readonly primaryMetric: string;
  readonly systems: readonly SystemName[];
  readonly notes: readonly string[];
}

export type Samples = Partial<Record<SystemName, Record<string, number[]>>>;
export type PerSystem = Partial<Record<SystemName, Record<string, number>>>;

export interface CaseResult extends CaseSpec {
  readonly rounds: number;
  readonly samples: Samples;
  /** Median of each system's samples, per metric. */
  readonly medians: PerSystem;
  /** Gatewire's median divided by each baseline's median, per metric. */
  readonly ratios: PerSystem;
  readonly errors: Partial<Record<SystemName, string[]>>;
}

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly fileDescriptorSoftLimit: number;
}

export interface SourceInfo {
  /** Short hash of the measured commit. */
  readonly commit: string;
  /** Whether `packages/` had uncommitted changes when measured. */
  readonly packagesModified: boolean;
}

export type TargetStatus = 'pass' | 'miss' | 'n/a';

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  readonly measured: string;
  readonly status: TargetStatus;
}

export interface BenchResults {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly profile: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: MachineInfo;
  readonly source?: SourceInfo;
  readonly cases: readonly CaseResult[];
  readonly targets: readonly TargetResult[];
}

/** The subject every ratio is taken of. */
export const SUBJECT: SystemName = 'gatewire';

/** Medians and Gatewire ÷ baseline ratios of a case's samples. */
export function summarizeCase(spec: CaseSpec, rounds: number, samples: Samples, errors: Partial<Record<SystemName, string[]>>): CaseResult {
  const medians: PerSystem = {};
  for (const system of spec.systems) {
    const perMetric = samples[system];
    if (perMetric === undefined) continue;
    medians[system] = Object.fromEntries(spec.metrics.map((metric) => [metric.key, median(perMetric[metric.key] ?? [])]));
  }
  const ratios: PerSystem = {};
  const subject = medians[SUBJECT];
  if (subject !== undefined) {
    for (const system of spec.systems) {
      const baseline = medians[system];
      if (system === SUBJECT || baseline === undefined) continue;
      ratios[system] = Object.fromEntries(spec.metrics.map((metric) => [metric.key, ratio(subject[metric.key] ?? Number.NaN, baseline[metric.key] ?? Number.NaN)]));
    }
  }
  return { ...spec, rounds, samples, medians, ratios, errors };
}

/** The median of `metric` for `system` in `result` (NaN when absent). */
export function medianOf(result: CaseResult | undefined, system: SystemName, metric: string): number {
  return result?.medians[system]?.[metric] ?? Number.NaN;
}
