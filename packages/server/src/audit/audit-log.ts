import type { ConnectionInfo } from '../connection/connection-info';
import type { GatewayLogger, LogLevel } from './logger';

/** The outcome of one method call, as audited. */
export type CallOutcome = 'ok' | 'error' | 'refused' | 'busy' | 'aborted';

/** One audited method call. Params, results and secrets are never part of it. */
export interface MethodCallRecord {
  readonly connId: string;
  readonly method: string;
  readonly role: string;
  readonly deviceId: string | undefined;
  readonly outcome: CallOutcome;
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
}

/** Who connected, as audited. */
export interface ConnectRecord {
  readonly connId: string;
  readonly role: string;
  readonly scopes: readonly string[];
  readonly authMethod: string;
  readonly deviceId: string | undefined;
  readonly clientId: string;
  readonly clientMode: string;
  readonly clientIp: string;
}

/** The {@link ConnectRecord} of an authenticated connection. */
export function connectRecordOf(info: ConnectionInfo): ConnectRecord {
  return {
    connId: info.connId,
    role: info.role,
    scopes: info.scopes,
    authMethod: info.authMethod,
    deviceId: info.deviceId,
    clientId: info.client.id,
    clientMode: info.client.mode,
    clientIp: info.clientIp,
  };
}

/** A refused handshake, as audited. */
export interface AuthFailureRecord {
  readonly connId: string;
  readonly clientIp: string;
  readonly errorCode: string;
  readonly detailCode: string | undefined;
  readonly clientId?: string | undefined;
  readonly deviceId?: string | undefined;
}

/**
 * The audit trail: every connect, refused handshake and method call, as structured log records.
 * It takes typed records so no caller can pass params, tokens or other secrets by accident.
 */
export class AuditLog {
  readonly #logger: GatewayLogger;

  constructor(logger: GatewayLogger) {
    this.#logger = logger;
  }

  /**
   * Whether records at `level` are written (`connected`, `disconnected` and `methodCalled` are `info`,
   * `authFailed` is `warn`): callers check it before building a record, so a silent logger costs no
   * allocation per call or connection. Asked each time (a pino level can change at run time).
   */
  writes(level: LogLevel): boolean {
    const logger = this.#logger;
    return logger.isLevelEnabled === undefined || logger.isLevelEnabled(level);
  }

  /** Whether {@link methodCalled} writes anything (see {@link writes}). */
  get recordsMethodCalls(): boolean {
    return this.writes('info');
  }

  connected(record: ConnectRecord): void {
    this.#logger.info({ audit: 'connect', ...record }, 'gateway connect');
  }

  disconnected(connId: string, code: number, reason: string): void {
    if (!this.writes('info')) return;
    this.#logger.info({ audit: 'disconnect', connId, code, reason }, 'gateway disconnect');
  }

  authFailed(record: AuthFailureRecord): void {
    this.#logger.warn({ audit: 'auth-failure', ...record }, 'gateway connect refused');
  }

  methodCalled(record: MethodCallRecord): void {
    this.#logger.info({ audit: 'method', ...record }, 'gateway method');
  }
}
