import { CloseCodes, ErrorCodes, type ErrorShape, type RequestFrame } from '@gatewire/protocol';
import type { AuditLog, CallOutcome } from '../audit/audit-log';
import type { GatewayLogger } from '../audit/logger';
import type { Connection } from '../connection/connection';
import type { ConnectionInfo } from '../connection/connection-info';
import type { GatewayCounters } from '../connection/counters';
import type { Instrumentation } from '../instrumentation/instrumentation';
import type { RequestTracer } from '../tracing/request-tracer';
import { MethodError } from '../errors/method-error';
import { authorizeMethod, authorizeParams } from './authorize';
import { busyError, handlerFailedError } from './busy-error';
import { idempotencyCacheKey, idempotencyKeyReused, paramsDigest, type CallResult, type IdempotencyCache } from './idempotency-cache';
import { idempotencyKeyRunningElsewhere, idempotencyStoreUnavailable, type IdempotencyClaim, type IdempotencyStore } from './idempotency-store';
import { MethodCall } from './method-call';
import type { MethodRateLimiter } from './method-rate-limiter';
import type { MethodEntry, MethodRegistry } from './method-registry';
import type { WorkLimiter } from './work-limiter';

/** What the router works with. */
export interface RouterDependencies {
  readonly registry: MethodRegistry;
  readonly limiter: WorkLimiter;
  readonly idempotency: IdempotencyCache;
  /** The cluster's shared store of keyed results, asked for keys the local cache does not know. */
  readonly idempotencyStore: IdempotencyStore | undefined;
  /** How long a shared keyed result is remembered, ms. */
  readonly idempotencyTtlMs: number;
  readonly rateLimiter: MethodRateLimiter;
  readonly counters: GatewayCounters;
  /** Told about every answered request and busy answer (when it has listeners). */
  readonly instrumentation: Instrumentation;
  /** Makes each run request a server span (OpenTelemetry), when `@opentelemetry/api` is installed and tracing is on. */
  readonly tracer: RequestTracer | undefined;
  readonly audit: AuditLog;
  readonly logger: GatewayLogger;
  readonly maxConcurrentHandlersPerConnection: number;
  readonly maxConsecutiveUnauthorizedCalls: number;
  readonly busyRetryAfterMs: number;
  /** Told about every handler that threw something other than a {@link MethodError}. */
  readonly onHandlerError: (error: unknown, method: string, connection: Connection) => void;
  /** Told about a failure of the router itself (e.g. a result that cannot be serialized). */
  readonly onDispatchError: (error: unknown, connection: Connection) => void;
}

function invalid(message: string): ErrorShape {
  return { code: ErrorCodes.INVALID_REQUEST, message };
}

const ABORTED_ERROR: ErrorShape = { code: ErrorCodes.UNAVAILABLE, message: 'request aborted' };
const ABORTED: CallResult = { ok: false, error: ABORTED_ERROR };

/**
 * Dispatches a request of an authenticated connection: authorization before lookup, param
 * validation, idempotency, the concurrency budget, the handler, result validation, the answer and
 * the audit record.
 *
 * Hot path: when a slot is free and the handler returns a plain value, the call is answered in the
 * same tick, with no promise; only a handler that returns a promise (or a call that has to wait for
 * a slot, or carries an idempotency key) goes through promises.
 */
export class MethodRouter {
  readonly #deps: RouterDependencies;

  constructor(deps: RouterDependencies) {
    this.#deps = deps;
  }

  /** Dispatch one request. Never throws for a handler's failure; every outcome is answered. */
  dispatch(connection: Connection, frame: RequestFrame): void {
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
    const info = connection.info;
    if (info === undefined) {
      this.#refuse(connection, frame, started, ABORTED_ERROR, 'error');
      return;
    }
    const refused = authorizeParams(connection, entry.definition, params) ?? this.#rateLimited(connection, entry);
    if (refused) {
      this.#refuse(connection, frame, started, refused);
      return;
    }
    const key = this.#idempotencyKey(info, entry, params);
    if (key !== undefined) {
      const remembered = this.#deps.idempotency.get(key.cacheKey, key.digest);
      if (remembered?.kind === 'conflict') {
        this.#refuse(connection, frame, started, idempotencyKeyReused(frame.method, key.clientKey));
        return;
      }
      if (remembered !== undefined) {
        remembered.result.then(
          (result) => this.#answerSafely(connection, frame.method, frame.id, started, result, undefined),
          (error: unknown) => this.#deps.onDispatchError(error, connection),
        );
        return;
      }
    }
    if (connection.inflightCount >= this.#deps.maxConcurrentHandlersPerConnection) {
      this.#busy(connection, frame, started, 'connection');
      return;
    }
    let slot: Promise<void> | undefined;
    if (!this.#deps.limiter.acquireNow()) {
      slot = this.#deps.limiter.enqueue();
      if (slot === undefined) {
        this.#busy(connection, frame, started, 'gateway');
        return;
      }
    }
    const call = new MethodCall(connection, info, frame.id, frame.method, started, frame.traceparent);
    if (this.#deps.tracer !== undefined) call.trace = this.#deps.tracer.start(frame.method, call.traceparent);
    connection.addInflight(call);
    this.#deps.counters.pendingRequests += 1;
    const store = key === undefined ? undefined : this.#deps.idempotencyStore;
    const run = () => (store === undefined || key === undefined ? this.#run(connection, call, entry, params) : this.#runShared(store, key, connection, call, entry, params));
    const outcome = slot === undefined ? run() : slot.then(run);
    if (outcome instanceof Promise) {
      if (key === undefined) {
        outcome.then((result) => this.#answerSafely(connection, call.method, call.requestId, started, this.#end(connection, call, result), call));
        return;
      }
      const settled = outcome.then((result) => this.#end(connection, call, result));
      this.#deps.idempotency.remember(key.cacheKey, key.digest, settled);
      settled.then(
        (result) => this.#answerSafely(connection, call.method, call.requestId, started, result, call),
        (error: unknown) => this.#deps.onDispatchError(error, connection),
      );
      return;
    }
    const result = this.#end(connection, call, outcome);
    if (key !== undefined) this.#deps.idempotency.remember(key.cacheKey, key.digest, Promise.resolve(result));
    this.#answer(connection, call.method, call.requestId, started, result, call);
  }

  /**
   * A keyed call with a shared store: claim the key first; run the handler only when no gateway
   * ran it (a result from another gateway is answered as is), and share the result before
   * answering, so an immediate retry elsewhere finds it. A store failure does not run the call.
   */
  async #runShared(
    store: IdempotencyStore,
    key: { cacheKey: string; clientKey: string; digest: string },
    connection: Connection,
    call: MethodCall,
    entry: MethodEntry,
    params: unknown,
  ): Promise<CallResult> {
    let claim: IdempotencyClaim;
    try {
      claim = await store.claim(key.cacheKey, key.digest);
    } catch (error) {
      this.#deps.onDispatchError(error, connection);
      return { ok: false, error: idempotencyStoreUnavailable(call.method) };
    }
    if (claim.kind === 'result') return claim.result;
    if (claim.kind === 'running') return { ok: false, error: idempotencyKeyRunningElsewhere(call.method) };
    if (claim.kind === 'conflict') return { ok: false, error: idempotencyKeyReused(call.method, key.clientKey) };
    const result = await this.#run(connection, call, entry, params);
    try {
      await store.settle(key.cacheKey, key.digest, result, this.#deps.idempotencyTtlMs);
    } catch (error) {
      this.#deps.onDispatchError(error, connection);
    }
    return result;
  }

  /** The call is over: give its slot back (before answering, as a waiter may take it over). */
  #end(connection: Connection, call: MethodCall, result: CallResult): CallResult {
    connection.removeInflight(call);
    this.#deps.counters.pendingRequests -= 1;
    this.#deps.limiter.release();
    return result;
  }

  #refuse(connection: Connection, frame: RequestFrame, started: number, error: ErrorShape, outcome: CallOutcome = 'refused'): void {
    connection.sendResponse(frame.id, false, undefined, error);
    this.#audit(connection, frame.method, started, outcome, error);
  }

  /** Answer busy: `limit` says which bound was full. */
  #busy(connection: Connection, frame: RequestFrame, started: number, limit: 'connection' | 'gateway'): void {
    const instrumentation = this.#deps.instrumentation;
    if (instrumentation.wants('busy')) instrumentation.publish('busy', { connId: connection.connId, method: frame.method, limit });
    this.#refuse(connection, frame, started, busyError(this.#deps.busyRetryAfterMs), 'busy');
  }

  #answerSafely(connection: Connection, method: string, id: string, started: number, result: CallResult, call: MethodCall | undefined): void {
    try {
      this.#answer(connection, method, id, started, result, call);
    } catch (error) {
      this.#deps.onDispatchError(error, connection);
    }
  }

  /** Send a settled result (of a handler run when `call` is set, else a remembered one). */
  #answer(connection: Connection, method: string, id: string, started: number, result: CallResult, call: MethodCall | undefined): void {
    if (call?.trace !== undefined) this.#deps.tracer?.end(call.trace, result.ok ? 'ok' : call.aborted ? 'aborted' : 'error', result.ok ? undefined : result.error.code);
    if (result.ok) {
      connection.sendResponse(id, true, result.payload);
      this.#audit(connection, method, started, 'ok');
    } else {
      connection.sendResponse(id, false, undefined, result.error);
      this.#audit(connection, method, started, call?.aborted === true ? 'aborted' : 'error', result.error);
    }
  }

  /**
   * The audit record and `request` instrumentation event of a call (each built only when someone
   * takes it); returns the call's duration, ms.
   */
  #audit(connection: Connection, method: string, started: number, outcome: CallOutcome, error?: ErrorShape): number {
    const durationMs = performance.now() - started;
    const audit = this.#deps.audit;
    if (audit.recordsMethodCalls) {
      const info: ConnectionInfo | undefined = connection.info;
      audit.methodCalled({
        connId: connection.connId,
        method,
        role: info?.role ?? 'operator',
        deviceId: info?.deviceId,
        outcome,
        errorCode: error?.code,
        durationMs: Math.round(durationMs * 1000) / 1000,
      });
    }
    const instrumentation = this.#deps.instrumentation;
    if (instrumentation.wants('request')) {
      instrumentation.publish('request', {
        connId: connection.connId,
        method,
        registered: this.#deps.registry.get(method) !== undefined,
        outcome,
        errorCode: error?.code,
        durationMs,
      });
    }
    return durationMs;
  }

  /** The cache key of a call (by caller identity, see {@link idempotencyCacheKey}) and its params digest. */
  #rateLimited(connection: Connection, entry: MethodEntry): ErrorShape | undefined {
    const limit = entry.definition.rateLimit;
    if (limit === undefined) return undefined;
    return this.#deps.rateLimiter.take(entry.definition.name, connection.info?.deviceId ?? connection.address.clientIp, limit);
  }

  #idempotencyKey(info: ConnectionInfo, entry: MethodEntry, params: unknown): { cacheKey: string; clientKey: string; digest: string } | undefined {
    if (entry.definition.idempotency === 'none') return undefined;
    const key = (params as { idempotencyKey?: unknown }).idempotencyKey;
    if (typeof key !== 'string' || key.length === 0) return undefined;
    return { cacheKey: idempotencyCacheKey(entry.definition.name, info, key), clientKey: key, digest: paramsDigest(params) };
  }

  /**
   * Run the handler: its result now when it returns a plain value, else a promise of it. Never
   * throws or rejects (a logger or `error` listener that throws while a failure is reported is
   * reported in turn), so the slot is always given back.
   */
  #run(connection: Connection, call: MethodCall, entry: MethodEntry, params: unknown): CallResult | Promise<CallResult> {
    if (call.aborted) return ABORTED;
    let returned: unknown;
    try {
      const trace = call.trace;
      returned = trace === undefined ? entry.handler(params, call) : this.#deps.tracer?.run(trace, () => entry.handler(params, call));
    } catch (error) {
      return this.#failed(connection, call, error);
    }
    if (isThenable(returned)) {
      return Promise.resolve(returned).then(
        (payload) => this.#checked(connection, call, entry, payload),
        (error: unknown) => this.#failed(connection, call, error),
      );
    }
    return this.#checked(connection, call, entry, returned);
  }

  #checked(connection: Connection, call: MethodCall, entry: MethodEntry, payload: unknown): CallResult {
    if (entry.result && !entry.result.check(payload)) {
      this.#report(connection, () =>
        this.#deps.logger.error(
          { method: call.method, connId: call.connection.connId, problem: entry.result?.firstError(payload) },
          'method returned a result that does not match its schema',
        ),
      );
      return { ok: false, error: handlerFailedError(call.method) };
    }
    return { ok: true, payload };
  }

  #failed(connection: Connection, call: MethodCall, error: unknown): CallResult {
    if (MethodError.isInstance(error)) return { ok: false, error: error.toErrorShape() };
    this.#report(connection, () => this.#deps.logger.error({ method: call.method, connId: call.connection.connId, err: error }, 'method handler threw'));
    this.#report(connection, () => this.#deps.onHandlerError(error, call.method, connection));
    return { ok: false, error: handlerFailedError(call.method) };
  }

  /** Run reporting code (loggers, `error` listeners: not ours); what it throws goes to `onDispatchError`. */
  #report(connection: Connection, reporting: () => void): void {
    try {
      reporting();
    } catch (error) {
      this.#deps.onDispatchError(error, connection);
    }
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
