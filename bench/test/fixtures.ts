import { summarizeCase, type CaseResult, type CaseSpec, type Samples } from '../src/results';
import { SYSTEM_NAMES, type SystemName } from '../src/systems/types';

/** A synthetic case with one metric and the given samples per system. */
export function syntheticCase(
  scenario: CaseSpec['scenario'],
  id: string,
  metric: string,
  better: 'higher' | 'lower',
  perSystem: Partial<Record<SystemName, number[]>>,
): CaseResult {
  const systems = SYSTEM_NAMES.filter((system) => perSystem[system] !== undefined);
  const spec: CaseSpec = {
    scenario,
    id,
    title: `synthetic ${id}`,
    parameters: { n: 1 },
    metrics: [{ key: metric, label: metric, unit: 'u', better }],
    primaryMetric: metric,
    systems,
    notes: [],
  };
  const samples: Samples = Object.fromEntries(systems.map((system) => [system, { [metric]: perSystem[system] ?? [] }]));
  return summarizeCase(spec, 3, samples, {});
}
