/** Number formatting shared by the stdout table, the Markdown report and the charts. */

/** A value with about three significant digits, thousands separated; `—` when missing. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  if (magnitude === 0) return '0';
  return value.toPrecision(2);
}

/** A ratio like `0.93×`; `—` when missing. */
export function formatRatio(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(2)}×`;
}

/** A value with its unit (`12,345 req/s`, `0.42 ms`). */
export function withUnit(value: number | undefined, unit: string): string {
  const text = formatNumber(value);
  return unit === '' || text === '—' ? text : `${text} ${unit}`;
}
