'use strict';
// Trace context through the built packages in both module formats (require, then import): a client's
// traceparent reaches the handler. With an OpenTelemetry SDK registered ("sdk"), the gateway's server
// span is a child of the client's span; without one ("no-sdk": @opentelemetry/api alone, as prom-client
// installs it), the gateway's spans are no-ops and it serves the request all the same.
const assert = require('node:assert/strict');

const withSdk = process.argv[2] === 'sdk';
const token = 'consumer-trace-token';
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const parentId = '00f067aa0ba902b7';
const traceparent = `00-${traceId}-${parentId}-01`;

function resolvable(name) {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

function installTracer() {
  if (!withSdk) {
    assert.equal(resolvable('@opentelemetry/sdk-trace-base'), undefined, 'the "no-sdk" check needs no OpenTelemetry SDK installed');
    return undefined;
  }
  const { trace } = require('@opentelemetry/api');
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  return exporter;
}

async function check(format, packages, exporter) {
  const { defineMethod, Type } = packages.protocol;
  const method = defineMethod('consumer.trace', { params: Type.Object({}), result: Type.Object({ traceparent: Type.String() }), scope: 'operator.read' });
  const running = await packages.server.startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token } });
  running.gateway.method(method, (_params, context) => ({ traceparent: context.traceparent ?? 'none' }));
  const client = new packages.client.GatewayClient({ url: running.url, auth: { token }, reconnect: false });
  await client.connect();
  const answer = await client.request('consumer.trace', {}, { traceparent });
  await client.close();
  await running.close();
  assert.equal(answer.traceparent, traceparent, `${format}: the handler's traceparent`);
  if (exporter !== undefined) {
    const span = exporter.getFinishedSpans().find((each) => each.name === 'consumer.trace');
    assert.equal(span?.spanContext().traceId, traceId, `${format}: the server span continues the caller's trace`);
    assert.equal(span?.parentSpanContext?.spanId, parentId, `${format}: the server span is a child of the caller's span`);
    exporter.reset();
  }
  console.log(`trace context ${format} ok (${withSdk ? 'with' : 'without'} an OpenTelemetry SDK)`);
}

async function main() {
  const exporter = installTracer();
  await check('cjs', { protocol: require('@gatewire/protocol'), server: require('@gatewire/server'), client: require('@gatewire/client/node') }, exporter);
  const [protocol, server, client] = await Promise.all([import('@gatewire/protocol'), import('@gatewire/server'), import('@gatewire/client/node')]);
  await check('esm', { protocol, server, client }, exporter);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
