/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * `# HELP`, a `# TYPE`, a sample of the family declared last, or empty; anything else throws. It
 * checks names, label syntax and escapes, values, duplicates, and that each histogram's buckets are
 * cumulative and end with `le="+Inf"` equal to its `_count`. (No well-kept parser package exists;
 * prom-client only writes the format.)
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP_LINE = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_LINE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;
/**
 * A sample value as Prometheus reads it (Go's `ParseFloat`): a decimal, or NaN and ±Inf in any letter
 * case. prom-client writes `Nan` (e.g. the event-loop lag mean before its first sample).
 */
const VALUE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|nan|[+-]?inf)$/i;

const SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** A label set as a key that ignores label order. */
function labelKey(labels: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(labels).sort(([left], [right]) => (left < right ? -1 : 1)));
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    if (match === null) throw new Error(`bad labels in: ${line}`);
    const [whole, name, raw] = match as unknown as [string, string, string];
    if (name in labels) throw new Error(`duplicate label ${name} in: ${line}`);
    labels[name] = raw.replace(/\\(["\\n])/g, (_escape, char: string) => (char === 'n' ? '\n' : char));
    rest = rest.slice(whole.length);
  }
  return labels;
}

function parseValue(text: string, line: string): number {
  if (!VALUE.test(text)) throw new Error(`bad value in: ${line}`);
  const special = text.toLowerCase();
  if (special === 'nan') return Number.NaN;
  if (special.endsWith('inf')) return special.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

function checkHistogram(family: MetricFamily): void {
  const groups = new Map<string, Sample[]>();
  for (const sample of family.samples.filter((each) => each.name === `${family.name}_bucket`)) {
    const { le, ...rest } = sample.labels;
    if (le === undefined) throw new Error(`${family.name}_bucket without le`);
    const key = labelKey(rest);
    groups.set(key, [...(groups.get(key) ?? []), sample]);
  }
  for (const [key, buckets] of groups) {
    const values = buckets.map((bucket) => bucket.value);
    if (values.some((value, index) => index > 0 && value < (values[index - 1] as number))) throw new Error(`${family.name} buckets not cumulative for ${key}`);
    const last = buckets.at(-1);
    const count = family.samples.find((sample) => sample.name === `${family.name}_count` && labelKey(sample.labels) === key);
    if (last?.labels['le'] !== '+Inf' || count === undefined || count.value !== last.value) throw new Error(`${family.name} +Inf bucket does not match _count for ${key}`);
  }
}

/** Parse an exposition strictly into its families, by name. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const helps = new Map<string, string>();
  const seen = new Set<string>();
  let current: MetricFamily | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const help = HELP_LINE.exec(line);
    if (help !== null) {
      helps.set(help[1] as string, help[2] as string);
      continue;
    }
    const type = TYPE_LINE.exec(line);
    if (type !== null) {
      const name = type[1] as string;
      if (families.has(name)) throw new Error(`family declared twice: ${name}`);
      current = { name, help: helps.get(name) ?? '', type: type[2] as MetricType, samples: [] };
      families.set(name, current);
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unexpected comment: ${line}`);
    const sample = SAMPLE_LINE.exec(line);
    if (sample === null) throw new Error(`not a sample: ${line}`);
    const family = current;
    const name = sample[1] as string;
    if (family === undefined || !SUFFIXES[family.type].some((suffix) => name === `${family.name}${suffix}`)) throw new Error(`sample outside its family: ${line}`);
    const labels = parseLabels(sample[2] ?? '', line);
    const key = `${name}${labelKey(labels)}`;
    if (seen.has(key)) throw new Error(`duplicate sample: ${line}`);
    seen.add(key);
    family.samples.push({ name, labels, value: parseValue(sample[3] as string, line) });
  }
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** The value of the one sample of `name` with exactly `labels` (throws when there is none). */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number {
  for (const family of families.values()) {
    const found = family.samples.find((sample) => sample.name === name && labelKey(sample.labels) === labelKey(labels));
    if (found !== undefined) return found.value;
  }
  throw new Error(`no sample ${name}${JSON.stringify(labels)}`);
}
