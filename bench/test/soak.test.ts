import { describe, expect, it } from 'vitest';
import { niceCeiling, renderLineChart } from '../src/soak/line-chart';
import type { SoakSecond } from '../src/soak/soak-messages';
import { soakVerdict } from '../src/soak/soak-verdict';

function seconds(count: number, rssMiB: (second: number) => number, failed = 0): SoakSecond[] {
  return Array.from({ length: count }, (_, index) => ({
    second: index + 1,
    rssMiB: rssMiB(index + 1),
    heapUsedMiB: 40,
    loopDelayP99Ms: 12,
    requestP99Ms: 3,
    requests: 200,
    failed: index === 0 ? failed : 0,
    eventsReceived: 10_000,
  }));
}

describe('soak verdict (flat memory)', () => {
  it('passes flat memory, with windows of a minute after a minute of warm-up', () => {
    const verdict = soakVerdict(seconds(600, () => 300));
    expect(verdict).toMatchObject({ ok: true, windowSeconds: 60, failedRequests: 0 });
    expect(verdict.rss.growth).toBe(0);
  });

  it('fails memory that keeps growing past the bound, and any failed request', () => {
    const growing = soakVerdict(seconds(600, (second) => 300 + second * 0.1));
    expect(growing.ok).toBe(false);
    expect(growing.rss.growth).toBeGreaterThan(0.1);
    expect(soakVerdict(seconds(600, () => 300, 1)).ok).toBe(false);
  });

  it('ignores the warm-up: growth during the first window only is not a leak', () => {
    expect(soakVerdict(seconds(600, (second) => (second <= 60 ? 100 + second : 160))).ok).toBe(true);
  });
});

describe('line chart', () => {
  it('draws the series as a polyline, breaks it at missing values, and draws the bound', () => {
    const svg = renderLineChart({ title: 'RSS <gateway>', unit: 'MiB', points: [[1, 10], [2, 12], [3, Number.NaN], [4, 11]], bound: { value: 13, label: 'bound' } });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('RSS &lt;gateway&gt;');
  });

  it('keeps the first and last time labels inside the chart', () => {
    const svg = renderLineChart({ title: 'RSS', unit: 'MiB', points: [[1, 10], [600, 12]] });
    expect(svg).toMatch(/text-anchor="start"[^>]*>0 s</);
    expect(svg).toMatch(/text-anchor="end"[^>]*>10 min</);
  });

  it('rounds the axis to 1, 2 or 5 times a power of ten', () => {
    expect([0.7, 1, 13, 180, 420, 999].map(niceCeiling)).toEqual([1, 1, 20, 200, 500, 1000]);
  });
});
