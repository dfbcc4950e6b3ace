import { defineMethod } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it, vi } from 'vitest';
import { createGateway } from '../src/index';
import { connectClient, startTestGateway } from './helpers/fixtures';
import { RawClient } from '@gatewire/test-harness';

const hang = defineMethod('app.hang', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' });

const originalSetInterval = globalThis.setInterval;
const originalClearInterval = globalThis.clearInterval;
const originalSetTimeout = globalThis.setTimeout;
const originalClearTimeout = globalThis.clearTimeout;

/** Whether a one-shot timer has already fired (Node marks it destroyed). */
function isDone(handle: ReturnType<typeof setTimeout>): boolean {
  return (handle as unknown as { _destroyed?: boolean })._destroyed === true;
}

describe('graceful shutdown', () => {
  it('sends shutdown, closes 1012 "service restart" and aborts running handlers', async () => {
    const target = await startTestGateway();
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    let aborted: Promise<void> = Promise.resolve();
    target.gateway.method(hang, (_params, context) => {
      aborted = new Promise((resolve) => context.signal.addEventListener('abort', () => resolve()));
      started();
      return new Promise(() => {});
    });
    const { client } = await connectClient(target);
    const pending = await target.open();
    await pending.nextEvent('connect.challenge');
    client.send({ type: 'req', id: 'h', method: 'app.hang' });
    await running;
    const closing = target.gateway.close({ reason: 'upgrade', restartExpectedMs: 1500 });
    const shutdown = await client.nextEvent('shutdown');
    expect(shutdown).toMatchObject({ payload: { reason: 'upgrade', restartExpectedMs: 1500 }, seq: 2 }); // seq 1: the health after hello-ok
    expect(await client.closed).toEqual({ code: 1012, reason: 'service restart' });
    expect(await pending.closed).toEqual({ code: 1012, reason: 'service restart' });
    await aborted;
    await closing;
    expect(target.gateway.draining).toBe(true);
    expect((await target.gateway.status()).connections.total).toBe(0);
  });

  it('leaves no timer or socket behind', async () => {
    // Record every interval and timeout the gateway creates while it runs, and what is cleared.
    const created: Array<{ kind: 'interval' | 'timeout'; handle: ReturnType<typeof setTimeout> }> = [];
    const cleared = new Set<unknown>();
    const spies = [
      vi.spyOn(globalThis, 'setInterval').mockImplementation(((...args: Parameters<typeof setInterval>) => {
        const handle = originalSetInterval(...args);
        created.push({ kind: 'interval', handle });
        return handle;
      }) as typeof setInterval),
      vi.spyOn(globalThis, 'setTimeout').mockImplementation(((...args: Parameters<typeof setTimeout>) => {
        const handle = originalSetTimeout(...args);
        created.push({ kind: 'timeout', handle });
        return handle;
      }) as typeof setTimeout),
      vi.spyOn(globalThis, 'clearInterval').mockImplementation((handle) => {
        cleared.add(handle);
        originalClearInterval(handle);
      }),
      vi.spyOn(globalThis, 'clearTimeout').mockImplementation((handle) => {
        cleared.add(handle);
        originalClearTimeout(handle);
      }),
    ];
    try {
      const gateway = createGateway({ handshakeTimeoutMs: 60_000, shutdownTimeoutMs: 500 });
      const { createServer } = await import('node:http');
      const server = createServer();
      gateway.attach(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const client = await RawClient.open(gateway.url as string);
      await client.nextEvent('connect.challenge');
      // The heartbeat intervals and the 60 s handshake timer of the pending socket exist now.
      expect(created.filter((entry) => entry.kind === 'interval').length).toBeGreaterThanOrEqual(2);
      expect(created.some((entry) => entry.kind === 'timeout')).toBe(true);
      await gateway.close();
      expect((await client.closed).code).toBe(1012);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Every timer still pending was cleared: none can keep the process alive or fire later.
      const leaked = created.filter((entry) => !cleared.has(entry.handle) && !isDone(entry.handle));
      expect(leaked).toEqual([]);
      expect(server.listenerCount('upgrade')).toBe(0);
      expect(gateway.listenerCount('connection')).toBe(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('refuses new upgrades while draining and reports /ready as 503', async () => {
    const target = await startTestGateway();
    const ready = await fetch(`http://127.0.0.1:${target.port}/ready`);
    expect(ready.status).toBe(200);
    const closing = target.gateway.close();
    const draining = await fetch(`http://127.0.0.1:${target.port}/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ ok: false, status: 'draining' });
    await closing;
    expect((await fetch(`http://127.0.0.1:${target.port}/health`)).status).toBe(200);
  });
});
