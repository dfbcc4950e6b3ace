import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defineMethod, defineMethods, type CoreMethods } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../src/index';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';

const traceMethod = defineMethod('app.trace', {
  params: Type.Object({}),
  result: Type.Object({ traceparent: Type.Union([Type.String(), Type.Null()]) }),
  scope: 'operator.read',
});
const appMethods = defineMethods(traceMethod);
type AppMethods = CoreMethods & typeof appMethods;

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
});
afterAll(() => {
  trace.disable();
});

/** A real gateway whose `app.trace` answers the `traceparent` its handler received; a connected client. */
async function startTracedGateway(): Promise<{ client: GatewayClient<AppMethods>; handled: string[] }> {
  const running = await startRealGateway();
  const handled: string[] = [];
  running.gateway.method(traceMethod, (_params, context) => {
    handled.push(context.requestId);
    return { traceparent: context.traceparent ?? null };
  });
  const client = track(new GatewayClient<AppMethods>({ url: running.url, auth: { token: TOKEN }, reconnect: false }));
  await client.connect();
  return { client, handled };
}

describe('trace context from the client', () => {
  it('a traceparent set per request reaches the handler, and the server span is a child of the client span', async () => {
    const { client } = await startTracedGateway();
    const callerSpan = provider.getTracer('client app').startSpan('call app.trace');
    const { traceId, spanId } = callerSpan.spanContext();
    const traceparent = `00-${traceId}-${spanId}-01`;
    const answer = await client.request('app.trace', {}, { traceparent });
    callerSpan.end();
    expect(answer.traceparent).toBe(traceparent);
    const serverSpan = exporter.getFinishedSpans().find((span) => span.name === 'app.trace');
    expect(serverSpan?.spanContext().traceId).toBe(traceId);
    expect(serverSpan?.parentSpanContext?.spanId).toBe(spanId);
    expect(serverSpan?.parentSpanContext?.isRemote).toBe(true);
  });

  it('a request without traceparent reaches the handler without one', async () => {
    const { client } = await startTracedGateway();
    expect(await client.request('app.trace', {})).toEqual({ traceparent: null });
  });

  it.each([
    ['not a traceparent', 'not-a-traceparent'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['over 128 characters', `01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-${'x'.repeat(80)}`],
  ])('a traceparent that is %s rejects with INVALID_OPTIONS and sends nothing', async (_name, traceparent) => {
    const { client, handled } = await startTracedGateway();
    const error = await client.request('app.trace', {}, { traceparent }).catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'INVALID_OPTIONS')).toBe(true);
    await client.request('app.trace', {});
    expect(handled).toHaveLength(1);
  });
});
