import { describe, expect, it } from 'vitest';
import { median, percentileOfSorted, perSecond, ratio, summarizeLatencies } from '../src/stats';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10])).toBe(10);
  });

  it('ignores NaN samples (failed measurements) and is NaN when nothing is left', () => {
    expect(median([Number.NaN, 5, 7, Number.NaN, 6])).toBe(6);
    expect(median([])).toBeNaN();
    expect(median([Number.NaN])).toBeNaN();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentileOfSorted (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('returns the smallest value with at least p % of the sample at or below it', () => {
    expect(percentileOfSorted(hundred, 50)).toBe(50);
    expect(percentileOfSorted(hundred, 99)).toBe(99);
    expect(percentileOfSorted(hundred, 99.9)).toBe(100);
    expect(percentileOfSorted(hundred, 1)).toBe(1);
  });

  it('clamps at the ends and is NaN for an empty sample', () => {
    expect(percentileOfSorted(hundred, 0)).toBe(1);
    expect(percentileOfSorted(hundred, 100)).toBe(100);
    expect(percentileOfSorted([], 50)).toBeNaN();
  });

  it('uses nearest rank on a small sample', () => {
    expect(percentileOfSorted([10, 20, 30, 40], 50)).toBe(20);
    expect(percentileOfSorted([10, 20, 30, 40], 51)).toBe(30);
  });
});

describe('summarizeLatencies', () => {
  it('sorts a copy and reports p50, p99, p99.9 and max', () => {
    const sample = Array.from({ length: 1000 }, (_, index) => 1000 - index);
    const summary = summarizeLatencies(sample);
    expect(summary).toEqual({ count: 1000, p50: 500, p99: 990, p999: 999, max: 1000 });
    expect(sample[0]).toBe(1000);
  });
});

describe('ratio and perSecond', () => {
  it('divides, and is NaN for a missing or zero baseline', () => {
    expect(ratio(80, 100)).toBeCloseTo(0.8);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
  });

  it('turns a count over milliseconds into a rate per second', () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(5, 0)).toBeNaN();
  });
});
