import { SUBJECT, type CaseResult } from '../results';
import { SYSTEM_LABELS } from '../systems/registry';
import { formatRatio, withUnit } from './format';

/** A case as rows of cells: one row per system, the medians, then Gatewire ÷ system on the primary metric. */
export interface TableCells {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function caseTable(result: CaseResult): TableCells {
  const primary = result.metrics.find((metric) => metric.key === result.primaryMetric);
  const showRatio = result.systems.includes(SUBJECT) && result.systems.length > 1 && primary !== undefined;
  const header = ['system', ...result.metrics.map((metric) => metric.label), ...(showRatio ? [`Gatewire ÷ system (${primary.label}, ${primary.better} is better)`] : [])];
  const rows = result.systems.map((system) => {
    const medians = result.medians[system];
    const cells = [SYSTEM_LABELS[system], ...result.metrics.map((metric) => withUnit(medians?.[metric.key], metric.unit))];
    if (showRatio) cells.push(system === SUBJECT ? '1.00×' : formatRatio(result.ratios[system]?.[result.primaryMetric]));
    const failures = result.errors[system]?.length ?? 0;
    if (failures > 0) cells[0] = `${cells[0] ?? system} (${failures} failed)`;
    return cells;
  });
  return { header, rows };
}

/** Parameters as `key=value` pairs. */
export function parameterLine(result: CaseResult): string {
  return Object.entries(result.parameters)
    .map(([key, value]) => `${key}=${typeof value === 'number' ? value.toLocaleString('en-US') : value}`)
    .join(', ');
}
