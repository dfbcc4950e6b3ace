import { defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it, vi } from 'vitest';
import type { GatewayErrorEvent, GatewayLogger } from '../src/index';
import { connectClient, errorOf, startTestGateway } from './helpers/fixtures';

const add = defineMethod('app.add', {
  params: Type.Object({ a: Type.Number(), b: Type.Number() }),
  result: Type.Object({ sum: Type.Number() }),
  scope: 'operator.read',
});
const wait = defineMethod('app.wait', { params: Type.Object({}), result: Type.Object({ aborted: Type.Boolean() }), scope: 'operator.read' });
const stream = defineMethod('app.stream', { params: Type.Object({}), result: Type.Object({ total: Type.Integer() }), scope: 'operator.read', streaming: true });
const bad = defineMethod('app.bad', { params: Type.Object({}), result: Type.Unknown(), scope: 'operator.read' });

describe('method dispatch (synchronous fast path, lazy context)', () => {
  it('answers a burst of synchronous calls, in order, each with its own id', async () => {
    const target = await startTestGateway();
    target.gateway.method(add, ({ a, b }) => ({ sum: a + b }));
    const { client } = await connectClient(target);
    for (let index = 0; index < 50; index += 1) client.send({ type: 'req', id: `q${index}`, method: 'app.add', params: { a: index, b: 1 } });
    for (let index = 0; index < 50; index += 1) {
      expect(await client.next()).toEqual({ type: 'res', id: `q${index}`, ok: true, payload: { sum: index + 1 } });
    }
    const status = (await client.request('status'))['payload'] as { pendingRequests: number };
    expect(status.pendingRequests).toBe(1); // only the `status` call itself
  });

  it('gives a handler that reads `signal` after the caller left an aborted signal', async () => {
    const target = await startTestGateway();
    let release: () => void = () => {};
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const seen = new Promise<AbortSignal>((resolve) => {
      target.gateway.method(wait, async (_params, context) => {
        started();
        await new Promise<void>((resume) => (release = resume));
        resolve(context.signal);
        return { aborted: context.signal.aborted };
      });
    });
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'w', method: 'app.wait' });
    await running;
    client.close();
    await vi.waitFor(async () => expect((await target.gateway.status()).connections.total).toBe(0));
    release();
    const signal = await seen;
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(Error);
  });

  it('lets a handler destructure its context', async () => {
    const target = await startTestGateway();
    target.gateway.method(stream, (_params, { accept, requestId, method, signal }) => {
      accept({ runId: requestId });
      accept({ ignored: true });
      return { total: signal.aborted ? -1 : method.length };
    });
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 's1', method: 'app.stream' });
    expect(await client.next()).toEqual({ type: 'res', id: 's1', ok: true, payload: { runId: 's1', status: 'accepted' } });
    expect(await client.next()).toEqual({ type: 'res', id: 's1', ok: true, payload: { total: 'app.stream'.length } });
  });

  it('reports a result that cannot be sent and frees the slot', async () => {
    const target = await startTestGateway({ maxConcurrentHandlers: 1, maxQueuedRequests: 1 });
    const errors: GatewayErrorEvent[] = [];
    target.gateway.on('error', (event) => errors.push(event));
    target.gateway.method(bad, () => ({ big: 1n }));
    target.gateway.method(add, ({ a, b }) => ({ sum: a + b }));
    const { client } = await connectClient(target);
    client.send({ type: 'req', id: 'b1', method: 'app.bad' });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.error).toBeInstanceOf(TypeError);
    expect(await client.request('app.add', { a: 1, b: 2 })).toMatchObject({ ok: true, payload: { sum: 3 } });
  });

  it('answers a handler that throws synchronously with HANDLER_FAILED', async () => {
    const target = await startTestGateway();
    target.gateway.method(add, () => {
      throw new Error('boom');
    });
    const { client } = await connectClient(target);
    expect(errorOf(await client.request('app.add', { a: 1, b: 2 }))).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'HANDLER_FAILED' } });
  });
});

describe('failures while reporting a failure', () => {
  it('still answers HANDLER_FAILED and frees the slot when the logger throws', async () => {
    const logger: GatewayLogger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: () => {
        throw new Error('logger down');
      },
    };
    const target = await startTestGateway({ logger, maxConcurrentHandlers: 1, maxQueuedRequests: 1 });
    const errors: GatewayErrorEvent[] = [];
    target.gateway.on('error', (event) => errors.push(event));
    target.gateway.method(add, async ({ a }) => {
      if (a < 0) throw new Error('negative');
      return { sum: a };
    });
    const { client } = await connectClient(target);
    expect(errorOf(await client.request('app.add', { a: -1, b: 0 }))).toMatchObject({ details: { code: 'HANDLER_FAILED' } });
    expect(errors.map((event) => (event.error as Error).message)).toEqual(['logger down', 'negative']);
    expect(await client.request('app.add', { a: 2, b: 0 })).toMatchObject({ ok: true, payload: { sum: 2 } });
  });
});

describe('audit records', () => {
  it('builds no connect, method or disconnect record when the logger says info is off', async () => {
    const info = vi.fn();
    const logger: GatewayLogger = { debug: () => {}, info, warn: () => {}, error: () => {}, isLevelEnabled: (level) => level !== 'info' && level !== 'debug' };
    const target = await startTestGateway({ logger });
    target.gateway.method(add, ({ a, b }) => ({ sum: a + b }));
    const { client } = await connectClient(target);
    await client.request('app.add', { a: 1, b: 2 });
    client.close();
    await vi.waitFor(async () => expect((await target.gateway.status()).connections.total).toBe(0));
    expect(info).not.toHaveBeenCalled();
  });

  it('writes method records when the logger has no level check', async () => {
    const info = vi.fn();
    const target = await startTestGateway({ logger: { debug: () => {}, info, warn: () => {}, error: () => {} } });
    target.gateway.method(add, ({ a, b }) => ({ sum: a + b }));
    const { client } = await connectClient(target);
    await client.request('app.add', { a: 1, b: 2 });
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ audit: 'method', method: 'app.add', outcome: 'ok' }), 'gateway method');
  });
});
