import type { HistoryPoint } from '../monitor/monitor-state';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 90;

/**
 * One method's chart as inline SVG: requests/s as a shaded area (scaled to its own maximum), p50
 * and p99 latency as lines (scaled to the highest p99). One point per monitor update.
 */
export function renderLatencyChart(method: string, points: readonly HistoryPoint[]): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.dataset['method'] = method;
  const title = document.createElement('h3');
  title.textContent = method === '*' ? 'all methods' : method;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.dataset['points'] = String(points.length);
  const maxRate = Math.max(0.001, ...points.map((point) => point.ratePerSecond));
  const maxLatency = Math.max(0.001, ...points.map((point) => point.p99Ms));
  const x = (index: number) => (points.length <= 1 ? WIDTH : (index / (points.length - 1)) * WIDTH);
  const y = (value: number, max: number) => HEIGHT - 2 - (value / max) * (HEIGHT - 6);
  const rate = points.map((point, index) => `${x(index).toFixed(1)},${y(point.ratePerSecond, maxRate).toFixed(1)}`);
  svg.append(
    shape('polygon', 'rate', [`0,${HEIGHT}`, ...rate, `${WIDTH},${HEIGHT}`].join(' ')),
    shape('polyline', 'p50', points.map((point, index) => `${x(index).toFixed(1)},${y(point.p50Ms, maxLatency).toFixed(1)}`).join(' ')),
    shape('polyline', 'p99', points.map((point, index) => `${x(index).toFixed(1)},${y(point.p99Ms, maxLatency).toFixed(1)}`).join(' ')),
  );
  const last = points.at(-1);
  const legend = document.createElement('figcaption');
  legend.className = 'legend';
  legend.textContent =
    last === undefined ? 'no requests yet' : `${last.ratePerSecond.toFixed(2)} req/s · p50 ${last.p50Ms.toFixed(2)} ms · p99 ${last.p99Ms.toFixed(2)} ms (scale ${maxLatency.toFixed(1)} ms)`;
  figure.append(title, svg, legend);
  return figure;
}

function shape(kind: 'polygon' | 'polyline', className: string, points: string): SVGElement {
  const element = document.createElementNS(SVG, kind);
  element.setAttribute('class', className);
  element.setAttribute('points', points);
  return element;
}
