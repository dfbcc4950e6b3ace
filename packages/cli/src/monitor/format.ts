/** Small formatters shared by the terminal dashboard and `status`. */

/** `3d 4h 5m 6s`, leaving out leading zero units. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor(seconds / 3600) % 24;
  const minutes = Math.floor(seconds / 60) % 60;
  const parts = [days > 0 ? `${days}d` : '', days + hours > 0 ? `${hours}h` : '', days + hours + minutes > 0 ? `${minutes}m` : '', `${seconds % 60}s`];
  return parts.filter((part) => part !== '').join(' ');
}

/** A duration in ms with a precision that suits its size. */
export function formatMs(ms: number): string {
  if (ms >= 100) return `${Math.round(ms)}`;
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

/** `text` cut or padded to exactly `width` characters (an ellipsis marks a cut). */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return text.padEnd(width);
}
