import { createRequire } from 'node:module';
import { parseTraceparent } from '@gatewire/protocol';

/** The part of `@opentelemetry/api` the tracer uses (an optional peer dependency, loaded if installed). */
interface OpenTelemetryApi {
  readonly trace: {
    getTracer(name: string, version?: string): TracerLike;
    setSpan(context: unknown, span: SpanLike): unknown;
    setSpanContext(context: unknown, spanContext: SpanContextLike): unknown;
    isSpanContextValid(spanContext: SpanContextLike): boolean;
  };
  readonly context: { with<T>(context: unknown, fn: () => T): T };
  readonly ROOT_CONTEXT: unknown;
  readonly SpanKind: { readonly SERVER: number };
  readonly SpanStatusCode: { readonly ERROR: number };
}

interface TracerLike {
  startSpan(name: string, options: { kind: number; attributes: Record<string, string> }, context: unknown): SpanLike;
}

interface SpanContextLike {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly isRemote?: boolean;
}

interface SpanLike {
  spanContext(): SpanContextLike;
  setAttribute(key: string, value: string): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** A request's server span and the context its handler runs in. */
export interface RequestSpan {
  readonly span: SpanLike;
  readonly context: unknown;
}

/** `@opentelemetry/api` when the host installed it, else `undefined`. */
export function loadOpenTelemetry(): OpenTelemetryApi | undefined {
  try {
    return createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
  } catch {
    return undefined;
  }
}

/**
 * Makes each request a server span of the host's OpenTelemetry tracer, continuing the caller's
 * trace when the frame carries a valid `traceparent`. Spans are no-ops until the host registers a
 * tracer provider (the OpenTelemetry SDK).
 */
export class RequestTracer {
  readonly #api: OpenTelemetryApi;
  readonly #tracer: TracerLike;

  constructor(api: OpenTelemetryApi, version: string) {
    this.#api = api;
    this.#tracer = api.trace.getTracer('@gatewire/server', version);
  }

  /**
   * Start the span of a request to `method` (a span name of bounded cardinality). `undefined` when
   * the host registered no tracer provider and the caller sent no trace context: the no-op span is
   * dropped at once, so a gateway without an OpenTelemetry SDK builds no context per request.
   */
  start(method: string, traceparent: string | undefined): RequestSpan | undefined {
    const api = this.#api;
    const parsed = traceparent === undefined ? undefined : parseTraceparent(traceparent);
    const parent =
      parsed === undefined
        ? api.ROOT_CONTEXT
        : api.trace.setSpanContext(api.ROOT_CONTEXT, { traceId: parsed.traceId, spanId: parsed.parentId, traceFlags: parsed.flags & 1, isRemote: true });
    const span = this.#tracer.startSpan(method, { kind: api.SpanKind.SERVER, attributes: { 'rpc.system': 'gatewire', 'rpc.method': method } }, parent);
    if (!api.trace.isSpanContextValid(span.spanContext())) return undefined;
    return { span, context: api.trace.setSpan(parent, span) };
  }

  /** Run `fn` (the handler) with the request's span active, so the handler's own spans are its children. */
  run<T>(request: RequestSpan, fn: () => T): T {
    return this.#api.context.with(request.context, fn);
  }

  /** End the span with the call's outcome (anything but `ok` sets the status to error, with the error code). */
  end(request: RequestSpan, outcome: string, errorCode: string | undefined): void {
    request.span.setAttribute('gatewire.outcome', outcome);
    if (outcome !== 'ok') request.span.setStatus({ code: this.#api.SpanStatusCode.ERROR, ...(errorCode === undefined ? {} : { message: errorCode }) });
    request.span.end();
  }
}

/** The request tracer of a gateway: `undefined` when tracing is off or `@opentelemetry/api` is not installed. */
export function createRequestTracer(options: { readonly tracing: boolean; readonly serverVersion: string }): RequestTracer | undefined {
  if (!options.tracing) return undefined;
  const api = loadOpenTelemetry();
  return api === undefined ? undefined : new RequestTracer(api, options.serverVersion);
}
