import type { Style } from '../output/style';
import type { CheckResult } from './check';

const MARKS = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;

/** The checklist as text: one line per check, with the remedy under failures and warnings. */
export function renderChecklist(results: readonly CheckResult[], style: Style): string {
  const lines: string[] = [];
  for (const result of results) {
    const paint = result.status === 'pass' ? style.ok : result.status === 'fail' ? style.fail : result.status === 'warn' ? style.warn : style.dim;
    lines.push(`${paint(MARKS[result.status])} ${style.bold(result.title)}: ${result.detail}`);
    if (result.remedy !== undefined && (result.status === 'fail' || result.status === 'warn')) lines.push(`    → ${result.remedy}`);
  }
  const failed = results.filter((result) => result.status === 'fail').length;
  lines.push('', failed === 0 ? style.ok('All checks passed.') : style.fail(`${failed} check${failed === 1 ? '' : 's'} failed.`));
  return lines.join('\n');
}
