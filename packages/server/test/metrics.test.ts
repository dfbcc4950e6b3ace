import { RESUME_CAPABILITY, defineEvent, defineEvents, defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { createGateway, MethodError, startGateway, type StandaloneGateway } from '../src/index';
import { connectParams, errorOf, handshake, onCleanup } from './helpers/fixtures';
import { parsePrometheusText, sampleValue, RawClient } from '@gatewire/test-harness';

const TOKEN = 'gateway-token-value';
const SCRAPE_TOKEN = 'scrape-token-value';

const appEvents = defineEvents(
  defineEvent('app.note', { payload: Type.Object({ n: Type.Integer() }), scope: 'operator.read' }),
  defineEvent('app.bulk', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone', droppable: true }),
  defineEvent('app.critical', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone' }),
);
const failing = defineMethod('app.fail', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' });
const wait = defineMethod('app.wait', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' });

async function start(): Promise<StandaloneGateway<typeof appEvents>> {
  const standalone = await startGateway({
    port: 0,
    events: appEvents,
    auth: { mode: 'token', token: TOKEN },
    trustedProxies: ['127.0.0.1'],
    authRateLimit: { maxFailures: 1, lockoutMs: 60_000 },
    maxConnections: 3,
    maxBufferedBytes: 64 * 1024,
    maxConcurrentHandlersPerConnection: 1,
    tickIntervalMs: 3_600_000,
    serveMetrics: { scrapeToken: SCRAPE_TOKEN },
  });
  onCleanup(() => standalone.close());
  return standalone;
}

function httpUrl(standalone: StandaloneGateway<typeof appEvents>): string {
  return standalone.url.replace(/^ws/, 'http').replace(/\/$/, '/metrics');
}

async function open(standalone: StandaloneGateway<typeof appEvents>, headers: Record<string, string> = {}): Promise<RawClient> {
  const client = await RawClient.open(standalone.url, { headers });
  onCleanup(() => client.close());
  return client;
}

async function scrape(standalone: StandaloneGateway<typeof appEvents>, token: string): Promise<Response> {
  return fetch(httpUrl(standalone), { headers: { authorization: `Bearer ${token}` } });
}

describe('metrics', () => {
  it('exposes every series with its value after a scripted session', async () => {
    const standalone = await start();
    const { gateway } = standalone;
    let releaseWait: () => void = () => {};
    gateway.method(failing, () => {
      throw new MethodError('INVALID_REQUEST', 'always fails');
    });
    gateway.method(wait, () => new Promise((resolve) => (releaseWait = () => resolve({}))));

    // Handshakes: one operator in, one wrong token from a remote address (refused, and locked out).
    const operator = await open(standalone);
    expect((await handshake(operator, connectParams({ auth: { token: TOKEN }, caps: [RESUME_CAPABILITY] }))).response.ok).toBe(true);
    const intruder = await open(standalone, { 'X-Forwarded-For': '203.0.113.9' });
    expect(errorOf((await handshake(intruder, connectParams({ auth: { token: 'wrong' } }))).response).details).toMatchObject({ code: 'AUTH_TOKEN_MISMATCH' });
    await intruder.closed;

    // Requests: ok twice, an app error, an unknown method, a busy answer.
    await operator.request('health');
    await operator.request('health');
    expect(errorOf(await operator.request('app.fail')).code).toBe('INVALID_REQUEST');
    expect(errorOf(await operator.request('no.such.method')).code).toBe('INVALID_REQUEST');
    operator.send({ type: 'req', id: 'held', method: 'app.wait', params: {} });
    expect(errorOf(await operator.request('app.wait')).details).toEqual({ code: 'BUSY' });
    releaseWait();
    await operator.nextMatching((frame) => frame.id === 'held');
    // A node invoke that ends UNAVAILABLE, a resume that recovers and one that fails.
    await operator.request('node.invoke', { nodeId: 'absent', command: 'echo', idempotencyKey: 'k1' });
    gateway.broadcast('app.note', { n: 1 });
    await operator.nextEvent('app.note');
    const connId = gateway.connections()[0]?.connId as string;
    const recovered = (await operator.request('gateway.resume', { previousConnId: connId, lastSeq: 0 }))['payload'] as { replayed: number };
    await operator.request('gateway.resume', { previousConnId: 'nobody', lastSeq: 0 });

    // A slow consumer: falls behind (droppable events dropped), then a non-droppable one closes it.
    const slow = await open(standalone);
    await handshake(slow, connectParams({ auth: { token: TOKEN } }));
    const socket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    for (let round = 0; round < 400 && (await gateway.status()).events.dropped === 0; round += 1) {
      gateway.broadcast('app.bulk', { blob: 'z'.repeat(256 * 1024) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    gateway.broadcast('app.critical', { blob: 'last' });
    socket.resume();
    expect(await slow.closed).toEqual({ code: 1008, reason: 'slow consumer' });

    // An upgrade refusal (maxConnections 3: the operator and two idle sockets), then one idle socket left.
    const idle = await open(standalone);
    const idleToo = await open(standalone);
    await expect(RawClient.open(standalone.url)).rejects.toThrow(/503/);
    idleToo.close();
    await vi.waitFor(() => expect(gateway.instrumentation.snapshot().connections).toEqual({ operator: 1, node: 0, awaitingConnect: 1, authenticating: 0 }));
    await operator.request('health');
    void idle;

    const response = await scrape(standalone, TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = parsePrometheusText(await response.text());
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(metrics, `gatewire_${name}`, labels);
    const status = await gateway.status();

    expect(value('connections', { role: 'operator', state: 'open' })).toBe(1);
    expect(value('connections', { role: 'node', state: 'open' })).toBe(0);
    expect(value('connections', { role: 'none', state: 'awaiting_connect' })).toBe(1);
    expect(value('connections', { role: 'none', state: 'authenticating' })).toBe(0);
    expect(value('handshakes_total', { outcome: 'ok', code: 'none' })).toBe(2);
    expect(value('handshakes_total', { outcome: 'refused', code: 'AUTH_TOKEN_MISMATCH' })).toBe(1);
    expect(value('upgrade_refusals_total', { status: '503', type: 'connection_limit' })).toBe(1);
    expect(value('requests_total', { method: 'health', outcome: 'ok' })).toBe(3);
    expect(value('requests_total', { method: 'app.fail', outcome: 'error' })).toBe(1);
    expect(value('requests_total', { method: '(unregistered)', outcome: 'refused' })).toBe(1);
    expect(value('requests_total', { method: 'app.wait', outcome: 'busy' })).toBe(1);
    expect(value('requests_total', { method: 'app.wait', outcome: 'ok' })).toBe(1);
    expect(value('requests_total', { method: 'node.invoke', outcome: 'error' })).toBe(1);
    expect(value('requests_total', { method: 'gateway.resume', outcome: 'ok' })).toBe(2);
    expect(value('request_duration_seconds_count', { method: 'health' })).toBe(3);
    expect(value('request_duration_seconds_bucket', { method: 'health', le: '+Inf' })).toBe(3);
    expect(value('request_duration_seconds_sum', { method: 'health' })).toBeGreaterThan(0);
    expect(value('busy_answers_total', { limit: 'connection' })).toBe(1);
    expect(value('resume_attempts_total', { outcome: 'recovered' })).toBe(1);
    expect(value('resume_attempts_total', { outcome: 'unknown-connection' })).toBe(1);
    expect(recovered.replayed).toBeGreaterThanOrEqual(1);
    expect(value('events_replayed_total')).toBe(recovered.replayed);
    expect(value('node_invokes_total', { outcome: 'UNAVAILABLE' })).toBe(1);
    expect(value('node_invoke_duration_seconds_count')).toBe(1);
    expect(value('auth_lockouts_total')).toBe(1);
    expect(value('slow_consumer_closes_total')).toBe(1);
    expect(value('events_dropped_total')).toBe(status.events.dropped);
    expect(value('events_dropped_total')).toBeGreaterThan(0);
    expect(value('events_sent_total')).toBe(status.events.sent);
    expect(value('buffered_bytes')).toBe(0);
    expect(value('buffered_bytes_max')).toBe(0);
    expect(value('work_queue_depth')).toBe(0);
    expect(value('handlers_active')).toBe(0);
    expect(value('requests_pending')).toBe(0);
    expect(metrics.get('gatewire_process_cpu_seconds_total')?.type).toBe('counter');
    expect(metrics.has('gatewire_adapter_connected')).toBe(false);
    const labels = [...metrics.values()].flatMap((family) => family.samples.flatMap((sample) => Object.keys(sample.labels)));
    expect(new Set(labels)).not.toContain('connId');
  });

  it('counts each request once however often it is scraped, and through the registry too', async () => {
    // metrics: true without serveMetrics: no process metrics (their event-loop mean is `Nan` until sampled).
    const standalone = await startGateway({ port: 0, metrics: true });
    onCleanup(() => standalone.close());
    const operator = await RawClient.open(standalone.url);
    onCleanup(() => operator.close());
    expect((await handshake(operator, connectParams())).response.ok).toBe(true);
    const requests = async (): Promise<[number | undefined, number | undefined]> => {
      const metrics = parsePrometheusText(await standalone.gateway.metrics().metrics());
      const labels = { method: 'health', outcome: 'ok' };
      return [sampleValue(metrics, 'gatewire_requests_total', labels), sampleValue(metrics, 'gatewire_request_duration_seconds_count', { method: 'health' })];
    };
    for (let call = 0; call < 3; call += 1) await operator.request('health');
    expect(await requests()).toEqual([3, 3]);
    expect(await requests()).toEqual([3, 3]);
    for (let call = 0; call < 2; call += 1) await operator.request('health');
    const counter = await standalone.gateway.metrics().getSingleMetric('gatewire_requests_total')?.get();
    expect(counter?.values.find((sample) => sample.labels['method'] === 'health')?.value).toBe(5);
    expect(await requests()).toEqual([5, 5]);
  });

  it('authorizes scrapes with the gateway token or the scrape token only (401 otherwise)', async () => {
    const standalone = await start();
    expect((await scrape(standalone, SCRAPE_TOKEN)).status).toBe(200);
    expect((await scrape(standalone, TOKEN)).status).toBe(200);
    const wrong = await scrape(standalone, 'wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await wrong.text()).not.toContain('gatewire_');
    expect((await fetch(httpUrl(standalone))).status).toBe(401);
    expect((await fetch(httpUrl(standalone), { headers: { authorization: `Basic ${TOKEN}` } })).status).toBe(401);
    standalone.gateway.reconfigure({ auth: { mode: 'token', token: 'rotated-token' } });
    expect((await scrape(standalone, TOKEN)).status).toBe(401);
    expect((await scrape(standalone, 'rotated-token')).status).toBe(200);
  });

  it('refuses to serve metrics that nothing could authorize', async () => {
    await expect(startGateway({ port: 0, serveMetrics: true })).rejects.toThrow(/nothing authorizes a scrape/);
    await expect(startGateway({ port: 0, auth: { mode: 'token', token: TOKEN }, serveMetrics: true, metrics: false })).rejects.toThrow(/serveMetrics needs metrics/);
  });

  it('registers on the host registry, bounds method labels, and rejects a bad prefix', async () => {
    const registry = new Registry();
    const gateway = createGateway({ metrics: { registry, prefix: 'app_gw_' } });
    onCleanup(() => gateway.close());
    expect(gateway.metrics()).toBe(registry);
    expect(registry.getSingleMetric('app_gw_requests_total')).toBeDefined();
    expect(() => createGateway({ metrics: { prefix: 'bad-prefix' } })).toThrow(TypeError);
    expect(() => createGateway({ metrics: { requestDurationBucketsSeconds: [1, 0.5] } })).toThrow(/increasing/);
    const lazy = createGateway();
    onCleanup(() => lazy.close());
    // `request` always has a listener (the monitor feed's windows give `status` its latency); `node-invoke` only metrics.
    expect(lazy.instrumentation.wants('node-invoke')).toBe(false);
    expect(lazy.metrics()).toBe(lazy.metrics());
    expect(lazy.instrumentation.wants('node-invoke')).toBe(true);
  });
});
