import { SUBJECT, type CaseResult } from '../results';
import { SYSTEM_LABELS } from '../systems/registry';
import { withUnit } from './format';

/** A horizontal bar chart of a case's primary metric (medians), written as plain SVG. */

const WIDTH = 720;
const LABEL_WIDTH = 160;
const VALUE_WIDTH = 130;
const BAR_HEIGHT = 24;
const GAP = 10;
const TOP = 56;
const SUBJECT_COLOR = '#2563eb';
const BASELINE_COLOR = '#9ca3af';

export function renderBarChart(result: CaseResult): string {
  const metric = result.metrics.find((entry) => entry.key === result.primaryMetric);
  if (metric === undefined) throw new Error(`case ${result.id} has no metric ${result.primaryMetric}`);
  const bars = result.systems.map((system) => ({ system, value: result.medians[system]?.[metric.key] ?? Number.NaN }));
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const scale = barScale(bars.map((bar) => bar.value), plotWidth);
  const height = TOP + bars.length * (BAR_HEIGHT + GAP) + 16;
  const subtitle = `${metric.label}${metric.unit === '' ? '' : ` (${metric.unit})`}, median of ${result.rounds} round(s); ${metric.better} is better${scale.logarithmic ? '; log scale' : ''}`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="600" fill="#111827">${escapeXml(result.title)}</text>`,
    `<text x="12" y="42" fill="#4b5563">${escapeXml(subtitle)}</text>`,
  ];
  bars.forEach((bar, index) => {
    const y = TOP + index * (BAR_HEIGHT + GAP);
    const width = scale.width(bar.value);
    const color = bar.system === SUBJECT ? SUBJECT_COLOR : BASELINE_COLOR;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT / 2 + 4}" text-anchor="end" fill="#111827"${bar.system === SUBJECT ? ' font-weight="600"' : ''}>${escapeXml(SYSTEM_LABELS[bar.system])}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" rx="3" fill="${color}"/>`,
      `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + BAR_HEIGHT / 2 + 4}" fill="#111827">${escapeXml(withUnit(bar.value, metric.unit))}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/**
 * Linear bars from 0, unless the values span more than {@link LOG_SCALE_SPAN}× (one slow outlier would
 * flatten the rest): then a log scale whose smallest value gets a fifth of the width.
 */
const LOG_SCALE_SPAN = 30;

export function barScale(values: readonly number[], plotWidth: number): { logarithmic: boolean; width(value: number): number } {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  const largest = Math.max(0, ...positive);
  const smallest = Math.min(...positive);
  if (positive.length < 2 || largest / smallest <= LOG_SCALE_SPAN) {
    return { logarithmic: false, width: (value) => (largest > 0 && Number.isFinite(value) && value > 0 ? Math.max(1, (value / largest) * plotWidth) : 0) };
  }
  const low = Math.log10(smallest);
  const span = Math.log10(largest) - low;
  return {
    logarithmic: true,
    width: (value) => (Number.isFinite(value) && value > 0 ? plotWidth * (0.2 + (0.8 * (Math.log10(value) - low)) / span) : 0),
  };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
