import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from '../src/prometheus-text';

const VALID = [
  '# HELP x_total Things.',
  '# TYPE x_total counter',
  'x_total{a="1",b="q\\"uote"} 2',
  '',
  '# HELP h_seconds Latency.',
  '# TYPE h_seconds histogram',
  'h_seconds_bucket{le="0.1",m="a"} 1',
  'h_seconds_bucket{le="+Inf",m="a"} 2',
  'h_seconds_sum{m="a"} 0.3',
  'h_seconds_count{m="a"} 2',
].join('\n');

describe('the strict Prometheus text parser used by the metrics tests', () => {
  it('reads families, labels (escapes, any order) and histogram samples', () => {
    const families = parsePrometheusText(VALID);
    expect(families.get('h_seconds')?.type).toBe('histogram');
    expect(sampleValue(families, 'x_total', { b: 'q"uote', a: '1' })).toBe(2);
    expect(sampleValue(families, 'h_seconds_count', { m: 'a' })).toBe(2);
  });

  it('reads NaN and ±Inf in any letter case, as Prometheus does (prom-client writes `Nan`)', () => {
    const families = parsePrometheusText('# TYPE g gauge\ng{v="a"} Nan\ng{v="b"} NaN\ng{v="c"} +Inf\ng{v="d"} -inf\ng{v="e"} Inf');
    expect(sampleValue(families, 'g', { v: 'a' })).toBeNaN();
    expect(sampleValue(families, 'g', { v: 'b' })).toBeNaN();
    expect(sampleValue(families, 'g', { v: 'c' })).toBe(Infinity);
    expect(sampleValue(families, 'g', { v: 'd' })).toBe(-Infinity);
    expect(sampleValue(families, 'g', { v: 'e' })).toBe(Infinity);
  });

  it.each([
    ['a sample before its TYPE', 'x_total 1'],
    ['a sample of another family', '# TYPE x_total counter\ny_total 1'],
    ['an unquoted label value', '# TYPE x gauge\nx{a=1} 1'],
    ['a bad escape', '# TYPE x gauge\nx{a="\\t"} 1'],
    ['a bad value', '# TYPE x gauge\nx 1,5'],
    ['a word that is not NaN or Inf', '# TYPE x gauge\nx nan1'],
    ['a duplicate sample', '# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2'],
    ['a family declared twice', '# TYPE x gauge\n# TYPE x gauge'],
    ['a stray comment', '# TYPE x gauge\n# hello'],
    ['buckets that decrease', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1'],
    ['a +Inf bucket that is not the count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 3'],
  ])('rejects %s', (_name, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
