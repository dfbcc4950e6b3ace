import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import type { BenchResults } from '../results';
import { renderMarkdownReport } from './markdown';
import { renderBarChart } from './svg-chart';

export interface OutputTargets {
  /** The results JSON file. */
  readonly resultsFile: string;
  /** `docs/benchmarks.md`, or undefined to skip the Markdown and the charts. */
  readonly markdownFile?: string | undefined;
  /** The directory of the SVG charts. */
  readonly chartDirectory?: string | undefined;
  /** The hand-kept profiling notes included in the Markdown. */
  readonly profilingNotesFile: string;
}

/** Write the results JSON and, when asked, the Markdown report with one SVG chart per case. */
export function writeOutputs(results: BenchResults, targets: OutputTargets): string[] {
  const written: string[] = [];
  mkdirSync(dirname(targets.resultsFile), { recursive: true });
  writeFileSync(targets.resultsFile, `${JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`);
  written.push(targets.resultsFile);
  const { markdownFile, chartDirectory } = targets;
  if (markdownFile === undefined || chartDirectory === undefined) return written;
  rmSync(chartDirectory, { recursive: true, force: true });
  mkdirSync(chartDirectory, { recursive: true });
  for (const result of results.cases) {
    if (result.scenario === 'frames') continue;
    const file = join(chartDirectory, `${result.id}.svg`);
    writeFileSync(file, renderBarChart(result));
    written.push(file);
  }
  const notes = existsSync(targets.profilingNotesFile) ? readFileSync(targets.profilingNotesFile, 'utf8') : '_No profiling notes yet._';
  const chartPath = (caseId: string): string => relative(dirname(markdownFile), join(chartDirectory, `${caseId}.svg`));
  writeFileSync(markdownFile, renderMarkdownReport(results, notes, chartPath));
  written.push(markdownFile);
  return written;
}
