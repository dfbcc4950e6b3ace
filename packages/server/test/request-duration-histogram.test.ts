import { parsePrometheusText, type MetricFamily } from '@gatewire/test-harness';
import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurationHistogram } from '../src/metrics/request-duration-histogram';
import { metricsDefaults } from '../src/metrics/metrics-options';

const NAME = 'gatewire_request_duration_seconds';
const HELP = 'Time from a request frame to its answer, by method.';

/** Every sample of a family, in an order that does not depend on how the histogram lists them. */
function sortedSamples(family: MetricFamily | undefined): string[] {
  return (family?.samples ?? []).map((sample) => `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())} ${sample.value}`).sort();
}

describe('RequestDurationHistogram', () => {
  it('exposes exactly what a prom-client Histogram fed the same observations exposes, and resets', async () => {
    const buckets = metricsDefaults.requestDurationBucketsSeconds;
    const ours = new Registry();
    const reference = new Registry();
    const histogram = new RequestDurationHistogram({ name: NAME, help: HELP, buckets, registers: [ours] });
    const plain = new Histogram({ name: NAME, help: HELP, labelNames: ['method'], buckets: [...buckets], registers: [reference] });
    // Every bound exactly (a bound belongs to its own bucket), values between them, 0 and values above every bound.
    const observations: Array<[string, number]> = [
      ...buckets.map((bound, index): [string, number] => [index % 2 === 0 ? 'health' : 'app.add', bound]),
      ...buckets.map((bound): [string, number] => ['health', bound * 0.7]),
      ['health', 0],
      ['app.add', 11],
      ['(unregistered)', 42.5],
      ['app.add', 0.000_123],
    ];
    for (const [method, seconds] of observations) {
      histogram.observeMethod(method, seconds);
      plain.observe({ method }, seconds);
    }
    const oursText = parsePrometheusText(await ours.metrics());
    const referenceText = parsePrometheusText(await reference.metrics());
    expect(oursText.get(NAME)?.type).toBe('histogram');
    expect(oursText.get(NAME)?.help).toBe(HELP);
    expect(sortedSamples(oursText.get(NAME))).toEqual(sortedSamples(referenceText.get(NAME)));
    expect(sortedSamples(oursText.get(NAME)).length).toBe(3 * (buckets.length + 3));
    const json = async (registry: Registry) => {
      const [metric] = await registry.getMetricsAsJSON();
      return metric?.values.map((value) => `${String((value as { metricName?: string }).metricName)} ${JSON.stringify(Object.entries(value.labels).sort())} ${value.value}`).sort();
    };
    expect(await json(ours)).toEqual(await json(reference));

    ours.resetMetrics();
    expect(parsePrometheusText(await ours.metrics()).get(NAME)?.samples).toEqual([]);
    histogram.observeMethod('health', 0.002);
    const afterReset = parsePrometheusText(await ours.metrics()).get(NAME);
    expect(afterReset?.samples.find((sample) => sample.name === `${NAME}_count`)?.value).toBe(1);
  });
});
