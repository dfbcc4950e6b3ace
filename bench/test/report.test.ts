import { describe, expect, it } from 'vitest';
import { QUICK_PROFILE_CAVEAT, renderMarkdownReport } from '../src/report/markdown';
import { barScale, renderBarChart } from '../src/report/svg-chart';
import { evaluateTargets } from '../src/report/targets';
import { renderTextReport } from '../src/report/text-table';
import { RESULTS_SCHEMA_VERSION, type BenchResults } from '../src/results';
import { syntheticCase } from './fixtures';

function results(): BenchResults {
  const cases = [
    syntheticCase('rpc-throughput', 'rpc-throughput-1x64', 'requestsPerSec', 'higher', { gatewire: [80_000], ws: [100_000], socketio: [20_000] }),
    syntheticCase('bundle', 'bundle', 'gzipKB', 'lower', { gatewire: [11.9], socketio: [13.1] }),
  ];
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    profile: 'quick',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    machine: { cpuModel: 'Test CPU', cores: 2, totalMemoryGiB: 4, node: 'v20.0.0', platform: 'linux x64', fileDescriptorSoftLimit: 1024 },
    cases,
    targets: evaluateTargets(cases),
  };
}

describe('reports', () => {
  it('prints every case with medians and the ratio to each baseline', () => {
    const text = renderTextReport(results());
    expect(text).toContain('synthetic rpc-throughput-1x64');
    expect(text).toContain('80,000 u');
    expect(text).toContain('0.80×');
    expect(text).toContain('4.00×');
    expect(text).toContain('smaller counts');
    expect(text).toMatch(/\[PASS\] Browser client/);
  });

  it('writes Markdown with the machine, the targets, a chart per case and the profiling notes', () => {
    const markdown = renderMarkdownReport(results(), 'NOTES HERE', (id) => `benchmarks/${id}.svg`);
    expect(markdown).toContain('Test CPU, 2 cores');
    expect(markdown).toContain('| RPC requests/s ≥ 1.0× raw ws at every size (issue 15) | 1x64: 0.80× ws | ❌ miss |');
    expect(markdown).toContain('![synthetic bundle](benchmarks/bundle.svg)');
    expect(markdown).toContain('NOTES HERE');
  });

  it('says under the targets of a quick run that they are judged on the full profile, and not under a full run', () => {
    const quick = renderMarkdownReport(results(), '', (id) => id);
    expect(quick).toContain(QUICK_PROFILE_CAVEAT);
    expect(quick.indexOf(QUICK_PROFILE_CAVEAT)).toBeLessThan(quick.indexOf('## 1. RPC throughput'));
    const full = renderMarkdownReport({ ...results(), profile: 'full' }, '', (id) => id);
    expect(full).not.toContain(QUICK_PROFILE_CAVEAT);
  });

  it('draws one bar per system, scaled to the largest median', () => {
    const svg = renderBarChart(results().cases[0]!);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x="160"/g)).toHaveLength(3);
    expect(svg).toContain('width="430.0"');
    expect(svg).toContain('Gatewire');
  });

  it('switches to a log scale when one value dwarfs the others', () => {
    const linear = barScale([10, 20, 100], 400);
    expect(linear.logarithmic).toBe(false);
    expect(linear.width(50)).toBe(200);
    const log = barScale([1, 10, 1000], 400);
    expect(log.logarithmic).toBe(true);
    expect(log.width(1)).toBeCloseTo(80);
    expect(log.width(1000)).toBeCloseTo(400);
    expect(log.width(Number.NaN)).toBe(0);
  });
});
