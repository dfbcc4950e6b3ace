/**
 * A small line chart over time, written as plain SVG (no plotting library): one series, its axis
 * from 0 to a rounded maximum, an optional dashed bound line, and a few labelled ticks.
 */
import { escapeXml } from '../report/svg-chart';

export interface LineChartOptions {
  readonly title: string;
  /** Unit shown on the y axis, e.g. `MiB` or `ms`. */
  readonly unit: string;
  /** `[second, value]` points; non-finite values leave a gap. */
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** A horizontal line to draw (a pass bound), with its label. */
  readonly bound?: { readonly value: number; readonly label: string };
}

const WIDTH = 720;
const HEIGHT = 240;
const LEFT = 64;
const RIGHT = 16;
const TOP = 40;
const BOTTOM = 36;
const LINE_COLOR = '#2563eb';
const BOUND_COLOR = '#dc2626';
const GRID_COLOR = '#e5e7eb';
const TEXT_COLOR = '#374151';

export function renderLineChart(options: LineChartOptions): string {
  const finite = options.points.filter(([, value]) => Number.isFinite(value));
  const lastSecond = Math.max(1, ...options.points.map(([second]) => second));
  const top = niceCeiling(Math.max(options.bound?.value ?? 0, ...finite.map(([, value]) => value), 1e-9));
  const x = (second: number) => LEFT + (second / lastSecond) * (WIDTH - LEFT - RIGHT);
  const y = (value: number) => TOP + (1 - value / top) * (HEIGHT - TOP - BOTTOM);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="600" fill="#111827">${escapeXml(options.title)}</text>`,
  ];
  for (let step = 0; step <= 4; step++) {
    const value = (top * step) / 4;
    parts.push(
      `<line x1="${LEFT}" y1="${y(value).toFixed(1)}" x2="${WIDTH - RIGHT}" y2="${y(value).toFixed(1)}" stroke="${GRID_COLOR}"/>`,
      `<text x="${LEFT - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" fill="${TEXT_COLOR}">${formatValue(value)} ${escapeXml(options.unit)}</text>`,
    );
  }
  for (let step = 0; step <= 5; step++) {
    const second = (lastSecond * step) / 5;
    const anchor = step === 0 ? 'start' : step === 5 ? 'end' : 'middle';
    parts.push(`<text x="${x(second).toFixed(1)}" y="${HEIGHT - 14}" text-anchor="${anchor}" fill="${TEXT_COLOR}">${formatSeconds(second)}</text>`);
  }
  if (options.bound !== undefined) {
    const boundY = y(options.bound.value).toFixed(1);
    parts.push(
      `<line x1="${LEFT}" y1="${boundY}" x2="${WIDTH - RIGHT}" y2="${boundY}" stroke="${BOUND_COLOR}" stroke-dasharray="6 4"/>`,
      `<text x="${WIDTH - RIGHT}" y="${(Number(boundY) - 4).toFixed(1)}" text-anchor="end" fill="${BOUND_COLOR}">${escapeXml(options.bound.label)}</text>`,
    );
  }
  for (const segment of segments(options.points)) {
    const path = segment.map(([second, value]) => `${x(second).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${LINE_COLOR}" stroke-width="1.5"/>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The runs of consecutive finite points (a non-finite value breaks the line). */
function segments(points: ReadonlyArray<readonly [number, number]>): Array<Array<readonly [number, number]>> {
  const runs: Array<Array<readonly [number, number]>> = [[]];
  for (const point of points) {
    if (Number.isFinite(point[1])) (runs.at(-1) as Array<readonly [number, number]>).push(point);
    else if ((runs.at(-1) as unknown[]).length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length > 0);
}

/** 1, 2 or 5 times a power of ten, at or above `value`. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}

function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function formatSeconds(second: number): string {
  return second >= 120 ? `${(second / 60).toFixed(0)} min` : `${second.toFixed(0)} s`;
}
