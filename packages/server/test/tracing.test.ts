import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestGateway } from './helpers/fixtures';

const echo = defineMethod('app.trace', { params: Type.Object({}), result: Type.Object({ traceparent: Type.Union([Type.String(), Type.Null()]) }), scope: 'operator.read' });
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(() => {
  trace.disable();
  context.disable();
});

describe('trace context', () => {
  it('makes each request a server span that continues the caller trace, and hands traceparent to the handler', async () => {
    const target = await startTestGateway();
    target.gateway.method(echo, (_params, call) => {
      trace.getTracer('app').startSpan('inside the handler').end();
      return { traceparent: call.traceparent ?? null };
    });
    const { client } = await connectClient(target);
    const callerSpan = provider.getTracer('caller').startSpan('client call');
    const { traceId, spanId } = callerSpan.spanContext();
    const traceparent = `00-${traceId}-${spanId}-01`;
    client.send({ type: 'req', id: 't1', method: 'app.trace', params: {}, traceparent });
    const answer = await client.nextMatching((frame) => frame.id === 't1');
    callerSpan.end();
    expect(answer['payload']).toEqual({ traceparent });
    const spans = exporter.getFinishedSpans();
    const server = spans.find((span) => span.name === 'app.trace');
    expect(server?.spanContext().traceId).toBe(traceId);
    expect(server?.parentSpanContext?.spanId).toBe(spanId);
    expect(server?.kind).toBe(1);
    const inner = spans.find((span) => span.name === 'inside the handler');
    expect(inner?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
  });

  it('starts a new trace for a request without (or with an invalid) traceparent', async () => {
    exporter.reset();
    const target = await startTestGateway();
    target.gateway.method(echo, (_params, call) => ({ traceparent: call.traceparent ?? null }));
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 't2', method: 'app.trace', params: {}, traceparent: '00-00000000000000000000000000000000-0000000000000000-01' });
    expect((await client.nextMatching((frame) => frame.id === 't2'))['payload']).toEqual({ traceparent: null });
    const span = exporter.getFinishedSpans().find((each) => each.name === 'app.trace');
    expect(span?.parentSpanContext).toBeUndefined();
  });
});
