import { createJsonLinesLogger, type GatewayLogger, type LogLevel } from '@gatewire/server';
import type { Style } from '../output/style';

const RANK: Record<LogLevel, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/**
 * The standalone gateway's logger: JSON lines (pino's shape), or a short pretty line per entry for
 * people at a terminal (fields whose value is `undefined` are left out). `silent` logs nothing.
 * `gatewire start` picks pretty on a TTY and JSON lines when stdout is piped, unless told otherwise.
 */
export function createStandaloneLogger(format: 'json' | 'pretty', level: LogLevel | 'silent', style: Style, write: (line: string) => void): GatewayLogger {
  if (level === 'silent') return { debug() {}, info() {}, warn() {}, error() {} };
  if (format === 'json') return createJsonLinesLogger({ write }, level);
  const make = (entryLevel: LogLevel) => (obj: object, msg?: string) => {
    if (RANK[entryLevel] < RANK[level]) return;
    const paint = entryLevel === 'error' ? style.fail : entryLevel === 'warn' ? style.warn : style.dim;
    const fields = Object.entries(obj)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    write(`${paint(`${new Date().toISOString()} ${entryLevel.toUpperCase().padEnd(5)}`)} ${msg ?? ''}${fields ? ` ${fields}` : ''}\n`);
  };
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}
