/**
 * The logging interface the gateway writes its audit trail and errors to. It is the subset of pino's
 * API the gateway uses (`logger.info(obj, msg)`), so a pino logger can be passed as it is.
 */
export interface GatewayLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /**
   * Whether records at `level` are written (pino's `logger.isLevelEnabled`). Optional: the gateway
   * asks before building a per-request audit record, and assumes `true` when it is missing.
   */
  isLevelEnabled?(level: LogLevel): boolean;
}

/** A logger that writes nothing: the default of an embedded gateway. */
export const silentLogger: GatewayLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  isLevelEnabled: () => false,
};

/** The severity names of {@link GatewayLogger}, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_RANK: Readonly<Record<LogLevel, number>> = { debug: 20, info: 30, warn: 40, error: 50 };

/** Something JSON lines can be written to (a file stream, `process.stdout`). */
export interface LineSink {
  write(line: string): unknown;
}

/**
 * A logger that writes one JSON object per line (`{"level":30,"time":…,"msg":…,…}`, pino's shape),
 * used by the standalone gateway.
 */
export function createJsonLinesLogger(sink: LineSink, minimumLevel: LogLevel = 'info'): GatewayLogger {
  const minimum = LEVEL_RANK[minimumLevel];
  const write = (level: LogLevel) => (obj: object, msg?: string) => {
    if (LEVEL_RANK[level] < minimum) return;
    const line = JSON.stringify({ level: LEVEL_RANK[level], time: Date.now(), ...obj, ...(msg === undefined ? {} : { msg }) });
    sink.write(`${line}\n`);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    isLevelEnabled: (level) => LEVEL_RANK[level] >= minimum,
  };
}
