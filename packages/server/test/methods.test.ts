import { defineEvent, defineEvents, defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it, vi } from 'vitest';
import { MethodError } from '../src/index';
import { connectParams, connectClient, errorOf, startTestGateway } from './helpers/fixtures';

const echo = defineMethod('app.echo', {
  params: Type.Object({ text: Type.String(), idempotencyKey: Type.Optional(Type.String()) }, { additionalProperties: false }),
  result: Type.Object({ text: Type.String(), runs: Type.Integer() }),
  scope: 'operator.write',
  idempotency: 'optional',
});
const explode = defineMethod('app.explode', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' });
const refuse = defineMethod('app.refuse', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' });
const wait = defineMethod('app.wait', { params: Type.Object({}), result: Type.Object({ done: Type.Boolean() }), scope: 'operator.read' });
const stream = defineMethod('app.stream', {
  params: Type.Object({}),
  result: Type.Object({ total: Type.Integer() }),
  scope: 'operator.read',
  streaming: true,
});
const events = defineEvents(defineEvent('app.progress', { payload: Type.Object({ step: Type.Integer() }), scope: 'operator.read' }));

describe('method authorization', () => {
  it('answers FORBIDDEN with MISSING_SCOPE details when a scope is missing', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    const response = await client.request('device.pair.list');
    expect(errorOf(response)).toEqual({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.pairing',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.pairing', requiredScopes: ['operator.pairing'] },
    });
    expect(await client.request('status')).toMatchObject({ ok: true });
  });

  it('applies scope implications (write implies read)', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target, connectParams({ scopes: ['operator.write'] }));
    expect(await client.request('system-presence')).toMatchObject({ ok: true });
  });

  it('answers unknown methods with INVALID_REQUEST for admins and FORBIDDEN otherwise', async () => {
    const target = await startTestGateway();
    const admin = await connectClient(target);
    expect(errorOf(await admin.client.request('no.such.method'))).toEqual({ code: 'INVALID_REQUEST', message: 'unknown method: no.such.method' });
    const reader = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    expect(errorOf(await reader.client.request('no.such.method'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'missing scope: operator.admin',
      details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' },
    });
  });

  it('refuses node methods to operators with "unauthorized role: operator"', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    const response = await client.request('node.event', { event: 'x' });
    expect(errorOf(response)).toEqual({ code: 'INVALID_REQUEST', message: 'unauthorized role: operator' });
  });

  it('closes 1008 after more than 10 consecutive unauthorized calls', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target, connectParams({ scopes: [] }));
    for (let index = 0; index < 10; index += 1) expect((await client.request('status')).ok).toBe(false);
    expect(await client.request('health')).toMatchObject({ ok: true });
    for (let index = 0; index < 11; index += 1) client.send({ type: 'req', id: `u${index}`, method: 'status' });
    expect(await client.closed).toEqual({ code: 1008, reason: 'repeated unauthorized calls' });
  });

  it('validates params with the compiled schema', async () => {
    const target = await startTestGateway();
    target.gateway.method(echo, ({ text }) => ({ text, runs: 1 }));
    const { client } = await connectClient(target);
    const response = await client.request('app.echo', { text: 1 });
    expect(errorOf(response).code).toBe('INVALID_REQUEST');
    expect(errorOf(response).message).toMatch(/^invalid app\.echo params: at \/text: /);
    expect(await client.request('app.echo', { text: 'hi' })).toMatchObject({ ok: true, payload: { text: 'hi', runs: 1 } });
  });
});

describe('handlers', () => {
  it('answers a throwing handler with a sanitized UNAVAILABLE and reports the error', async () => {
    const logged: unknown[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (obj: object) => logged.push(obj) };
    const target = await startTestGateway({ logger });
    const errors: unknown[] = [];
    target.gateway.on('error', (event) => errors.push(event.error));
    target.gateway.method(explode, () => {
      throw new Error('database password is hunter2');
    });
    const { client } = await connectClient(target);
    const response = await client.request('app.explode');
    expect(errorOf(response)).toEqual({ code: 'UNAVAILABLE', message: 'app.explode failed', details: { code: 'HANDLER_FAILED' } });
    expect(JSON.stringify(response)).not.toContain('hunter2');
    expect(JSON.stringify(response)).not.toContain('at ');
    expect(errors).toHaveLength(1);
    expect(logged.some((entry) => (entry as { method?: string }).method === 'app.explode')).toBe(true);
  });

  it('sends a MethodError as it is', async () => {
    const target = await startTestGateway();
    target.gateway.method(refuse, () => {
      throw new MethodError('UNAVAILABLE', 'try later', { retryable: true, retryAfterMs: 250, details: { code: 'X' } });
    });
    const { client } = await connectClient(target);
    expect(errorOf(await client.request('app.refuse'))).toEqual({ code: 'UNAVAILABLE', message: 'try later', details: { code: 'X' }, retryable: true, retryAfterMs: 250 });
  });

  it('validates results in development mode', async () => {
    const target = await startTestGateway({ validateResults: true });
    target.gateway.method(echo, () => ({ text: 'x' }) as never);
    const { client } = await connectClient(target);
    expect(errorOf(await client.request('app.echo', { text: 'a' }))).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'HANDLER_FAILED' } });
  });

  it('streams: accepted first, events tied to the run, then the final response', async () => {
    const target = await startTestGateway({ events });
    target.gateway.method(stream, async (_params, context) => {
      context.accept({ runId: 'r1' });
      context.emit('app.progress', { step: 1 });
      context.emit('app.progress', { step: 2 });
      return { total: 2 };
    });
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 's1', method: 'app.stream' });
    expect(await client.next()).toEqual({ type: 'res', id: 's1', ok: true, payload: { runId: 'r1', status: 'accepted' } });
    expect(await client.next()).toEqual({ type: 'event', event: 'app.progress', payload: { step: 1 } });
    expect(await client.next()).toEqual({ type: 'event', event: 'app.progress', payload: { step: 2 } });
    expect(await client.next()).toEqual({ type: 'res', id: 's1', ok: true, payload: { total: 2 } });
  });

  it('aborts the handler signal when the caller disconnects', async () => {
    const target = await startTestGateway();
    let aborted: Promise<unknown> = Promise.resolve();
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    target.gateway.method(wait, (_params, context) => {
      aborted = new Promise((resolve) => context.signal.addEventListener('abort', () => resolve(context.signal.reason)));
      started();
      return new Promise(() => {});
    });
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'w', method: 'app.wait' });
    await running;
    client.close();
    expect(await aborted).toBeInstanceOf(Error);
  });
});

describe('idempotency and limits', () => {
  it('returns the first result for a repeated idempotency key without running again', async () => {
    const target = await startTestGateway();
    let runs = 0;
    target.gateway.method(echo, ({ text }) => ({ text, runs: (runs += 1) }));
    const { client } = await connectClient(target);
    const first = await client.request('app.echo', { text: 'a', idempotencyKey: 'k1' });
    const repeat = await client.request('app.echo', { text: 'a', idempotencyKey: 'k1' });
    expect(repeat['payload']).toEqual(first['payload']);
    expect(runs).toBe(1);
    await client.request('app.echo', { text: 'a', idempotencyKey: 'k2' });
    await client.request('app.echo', { text: 'a' });
    expect(runs).toBe(3);
  });

  it('answers UNAVAILABLE busy when a connection exceeds its concurrent handler cap', async () => {
    const target = await startTestGateway({ maxConcurrentHandlersPerConnection: 1, busyRetryAfterMs: 321 });
    let release: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    target.gateway.method(wait, () => {
      started();
      return new Promise((resolve) => (release = () => resolve({ done: true })));
    });
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'first', method: 'app.wait' });
    await running;
    const busy = await client.request('app.wait');
    expect(errorOf(busy)).toEqual({
      code: 'UNAVAILABLE',
      message: 'The server is busy. Please try again in a moment.',
      details: { code: 'BUSY' },
      retryable: true,
      retryAfterMs: 321,
    });
    release();
    expect(await client.nextMatching((frame) => frame.id === 'first')).toMatchObject({ ok: true, payload: { done: true } });
  });

  it('queues beyond the global handler limit and refuses beyond the queue', async () => {
    const target = await startTestGateway({ maxConcurrentHandlers: 1, maxQueuedRequests: 1 });
    const releases: Array<() => void> = [];
    target.gateway.method(wait, () => new Promise((resolve) => releases.push(() => resolve({ done: true }))));
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'a', method: 'app.wait' });
    client.send({ type: 'req', id: 'b', method: 'app.wait' });
    await vi.waitFor(async () => expect((await target.gateway.status()).queueDepth).toBe(1));
    expect(errorOf(await client.request('app.wait')).details).toEqual({ code: 'BUSY' });
    releases.shift()?.();
    expect(await client.nextMatching((frame) => frame.id === 'a')).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(releases).toHaveLength(1));
    releases.shift()?.();
    expect(await client.nextMatching((frame) => frame.id === 'b')).toMatchObject({ ok: true });
  });

  it('reports status: connections, requests, events and latency', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    await client.request('health');
    const status = (await client.request('status'))['payload'] as Record<string, unknown>;
    expect(status).toMatchObject({
      status: 'ok',
      connections: { total: 1, operator: 1, node: 0, unauthenticated: 0 },
      pendingRequests: 1,
      queueDepth: 0,
      events: { dropped: 0 },
    });
    expect((status['latencyMs'] as { avg: number }).avg).toBeGreaterThanOrEqual(0);
    expect(await client.request('health')).toMatchObject({ ok: true, payload: { ok: true } });
  });
});
