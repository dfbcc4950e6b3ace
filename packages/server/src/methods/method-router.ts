import { CloseCodes, ErrorCodes, type ErrorShape, type RequestFrame } from '@gatewire/protocol';
import type { AuditLog, CallOutcome } from '../audit/audit-log';
import type { GatewayLogger } from '../audit/logger';
import type { Connection } from '../connection/connection';
import type { GatewayCounters } from '../connection/counters';
import { MethodError } from '../errors/method-error';
import { authorizeMethod } from './authorize';
import { busyError, handlerFailedError } from './busy-error';
import type { CallResult, IdempotencyCache } from './idempotency-cache';
import type { LatencyStats } from './latency-stats';
import type { MethodContext } from './method-context';
import type { MethodEntry, MethodRegistry } from './method-registry';
import type { WorkLimiter } from './work-limiter';

/** What the router works with. */
export interface RouterDependencies {
  readonly registry: MethodRegistry;
  readonly limiter: WorkLimiter;
  readonly idempotency: IdempotencyCache;
  readonly latency: LatencyStats;
  readonly counters: GatewayCounters;
  readonly audit: AuditLog;
  readonly logger: GatewayLogger;
  readonly maxConcurrentHandlersPerConnection: number;
  readonly maxConsecutiveUnauthorizedCalls: number;
  readonly busyRetryAfterMs: number;
  /** Told about every handler that threw something other than a {@link MethodError}. */
  readonly onHandlerError: (error: unknown, method: string, connection: Connection) => void;
}

function invalid(message: string): ErrorShape {
  return { code: ErrorCodes.INVALID_REQUEST, message };
}

/**
 * Dispatches a request of an authenticated connection: authorization before lookup, param
 * validation, idempotency, the concurrency budget, the handler, result validation, the answer and
 * the audit record.
 */
export class MethodRouter {
  readonly #deps: RouterDependencies;

  constructor(deps: RouterDependencies) {
    this.#deps = deps;
  }

  async dispatch(connection: Connection, frame: RequestFrame): Promise<void> {
    const started = performance.now();
    if (frame.method === 'connect') {
      this.#refuse(connection, frame, started, invalid('connect is only valid as the first request'));
      return;
    }
    const entry = this.#deps.registry.get(frame.method);
    const denied = authorizeMethod(connection, entry?.definition);
    if (denied) {
      connection.unauthorizedStreak += 1;
      this.#refuse(connection, frame, started, denied);
      if (connection.unauthorizedStreak > this.#deps.maxConsecutiveUnauthorizedCalls) {
        connection.close(CloseCodes.POLICY_VIOLATION, 'repeated unauthorized calls');
      }
      return;
    }
    connection.unauthorizedStreak = 0;
    if (entry === undefined) {
      this.#refuse(connection, frame, started, invalid(`unknown method: ${frame.method}`));
      return;
    }
    const params = frame.params ?? {};
    if (!entry.params.check(params)) {
      this.#refuse(connection, frame, started, invalid(`invalid ${frame.method} params: ${entry.params.firstError(params) ?? 'invalid'}`));
      return;
    }
    const key = this.#idempotencyKey(connection, entry, params);
    const remembered = key === undefined ? undefined : this.#deps.idempotency.get(key);
    if (remembered) {
      this.#answer(connection, frame, started, await remembered, false);
      return;
    }
    const slot = connection.inflight.size >= this.#deps.maxConcurrentHandlersPerConnection ? undefined : this.#deps.limiter.tryAcquire();
    if (slot === undefined) {
      this.#refuse(connection, frame, started, busyError(this.#deps.busyRetryAfterMs), 'busy');
      return;
    }
    const controller = new AbortController();
    connection.inflight.add(controller);
    this.#deps.counters.pendingRequests += 1;
    const settled = this.#runWhenScheduled(slot, connection, frame, entry, params, controller);
    if (key !== undefined) this.#deps.idempotency.remember(key, settled);
    const result = await settled;
    this.#deps.latency.record(this.#answer(connection, frame, started, result, controller.signal.aborted));
  }

  async #runWhenScheduled(
    slot: Promise<void>,
    connection: Connection,
    frame: RequestFrame,
    entry: MethodEntry,
    params: unknown,
    controller: AbortController,
  ): Promise<CallResult> {
    try {
      await slot;
      return await this.#run(connection, frame, entry, params, controller);
    } finally {
      connection.inflight.delete(controller);
      this.#deps.counters.pendingRequests -= 1;
      this.#deps.limiter.release();
    }
  }

  #refuse(connection: Connection, frame: RequestFrame, started: number, error: ErrorShape, outcome: CallOutcome = 'refused'): void {
    connection.sendResponse(frame.id, false, undefined, error);
    this.#audit(connection, frame, started, outcome, error);
  }

  /** Send a settled result; returns the call's duration, ms. */
  #answer(connection: Connection, frame: RequestFrame, started: number, result: CallResult, aborted: boolean): number {
    if (result.ok) {
      connection.sendResponse(frame.id, true, result.payload);
      return this.#audit(connection, frame, started, 'ok');
    }
    connection.sendResponse(frame.id, false, undefined, result.error);
    return this.#audit(connection, frame, started, aborted ? 'aborted' : 'error', result.error);
  }

  #audit(connection: Connection, frame: RequestFrame, started: number, outcome: CallOutcome, error?: ErrorShape): number {
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    this.#deps.audit.methodCalled({
      connId: connection.connId,
      method: frame.method,
      role: connection.info?.role ?? 'operator',
      deviceId: connection.info?.deviceId,
      outcome,
      errorCode: error?.code,
      durationMs,
    });
    return durationMs;
  }

  #idempotencyKey(connection: Connection, entry: MethodEntry, params: unknown): string | undefined {
    if (entry.definition.idempotency === 'none') return undefined;
    const key = (params as { idempotencyKey?: unknown }).idempotencyKey;
    if (typeof key !== 'string' || key.length === 0) return undefined;
    const principal = connection.info?.deviceId ?? connection.info?.user ?? connection.address.clientIp;
    return `${entry.definition.name}\u0000${principal}\u0000${key}`;
  }

  async #run(connection: Connection, frame: RequestFrame, entry: MethodEntry, params: unknown, controller: AbortController): Promise<CallResult> {
    if (controller.signal.aborted || connection.info === undefined) {
      return { ok: false, error: { code: ErrorCodes.UNAVAILABLE, message: 'request aborted' } };
    }
    let accepted = false;
    const context: MethodContext = {
      connection: connection.info,
      requestId: frame.id,
      method: frame.method,
      signal: controller.signal,
      accept: (payload) => {
        if (accepted) return;
        accepted = true;
        connection.sendResponse(frame.id, true, { ...payload, status: 'accepted' });
      },
      emit: (event, payload) => {
        connection.sendEvent(event, payload);
      },
    };
    try {
      const payload = await entry.handler(params, context);
      if (entry.result && !entry.result.check(payload)) {
        this.#deps.logger.error(
          { method: frame.method, connId: connection.connId, problem: entry.result.firstError(payload) },
          'method returned a result that does not match its schema',
        );
        return { ok: false, error: handlerFailedError(frame.method) };
      }
      return { ok: true, payload };
    } catch (error) {
      if (MethodError.isInstance(error)) return { ok: false, error: error.toErrorShape() };
      this.#deps.logger.error({ method: frame.method, connId: connection.connId, err: error }, 'method handler threw');
      this.#deps.onHandlerError(error, frame.method, connection);
      return { ok: false, error: handlerFailedError(frame.method) };
    }
  }
}
