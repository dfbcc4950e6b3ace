import type { BenchResults } from '../results';
import { caseTable, parameterLine, type TableCells } from './case-table';
import { frameSizeLine } from './frame-notes';

/** The stdout report: every case as a fixed-width table, then the targets. */
export function renderTextReport(results: BenchResults): string {
  const lines: string[] = [];
  const code = results.source === undefined ? '' : `, commit ${results.source.commit}${results.source.packagesModified ? ' + uncommitted packages/' : ''}`;
  lines.push(`Gatewire benchmarks, profile "${results.profile}" (${results.machine.cpuModel}, ${results.machine.cores} cores, Node ${results.machine.node}${code})`);
  if (results.profile !== 'full') lines.push(`Note: the ${results.profile} profile uses smaller counts and shorter windows than the issue's numbers; run \`pnpm bench --full\` for those.`);
  const frames = results.cases.find((entry) => entry.scenario === 'frames');
  for (const result of results.cases) {
    lines.push('', `== ${result.title}`, `   ${parameterLine(result)}; ${result.rounds} round(s), medians`);
    for (const note of result.notes) lines.push(`   ${note}`);
    const frameLine = frameSizeLine(result, frames);
    if (frameLine !== undefined) lines.push(`   ${frameLine}`);
    lines.push(...renderCells(caseTable(result)).map((line) => `   ${line}`));
  }
  lines.push('', '== Targets');
  for (const target of results.targets) lines.push(`   [${target.status.toUpperCase()}] ${target.description}: ${target.measured}`);
  lines.push('', `Finished in ${(results.durationMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}

function renderCells(table: TableCells): string[] {
  const widths = table.header.map((cell, column) => Math.max(cell.length, ...table.rows.map((row) => (row[column] ?? '').length)));
  const render = (row: readonly string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [render(table.header), widths.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map(render)];
}
