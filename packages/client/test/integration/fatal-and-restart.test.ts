import { defineMethod, defineMethods, type CoreMethods } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../src/index';
import { track } from '../helpers/cleanup';
import { portOf, startRealGateway, TOKEN } from '../helpers/real-gateway';
import { nextEvent, recordStates, waitForState } from '../helpers/wait';

const fast = { initialDelayMs: 5, maxDelayMs: 20 };

describe('fatal codes against @gatewire/server', () => {
  it.each([
    ['AUTH_TOKEN_MISMATCH', { auth: { token: 'wrong' } }],
    ['DEVICE_IDENTITY_REQUIRED', { auth: {} }],
  ] as const)('stops on %s', async (detailCode, options) => {
    const { url } = await startRealGateway();
    const client = track(new GatewayClient({ url, ...options, reconnect: fast }));
    let scheduled = 0;
    client.on('reconnect-scheduled', () => (scheduled += 1));
    const paused = nextEvent(client, 'reconnect-paused');
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as Error).cause).toMatchObject({ detailCode });
    expect((await paused).reason).toContain(detailCode);
    expect(scheduled).toBe(0);
  });

  it('stops on AUTH_PASSWORD_MISMATCH', async () => {
    const { url } = await startRealGateway({ auth: { mode: 'password', password: 'right' } });
    const client = track(new GatewayClient({ url, auth: { password: 'wrong' }, reconnect: fast }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as Error).cause).toMatchObject({ detailCode: 'AUTH_PASSWORD_MISMATCH' });
  });

  it('stops on close 4001 (client invalidated)', async () => {
    const { url, gateway } = await startRealGateway();
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: fast }));
    const states = recordStates(client);
    const hello = await client.connect();
    const closed = nextEvent(client, 'closed');
    expect(gateway.disconnect(hello.server.connId, 4001, 'device removed')).toBe(true);
    const stop = await closed;
    expect(GatewayClientError.isInstance(stop.error, 'AUTH_FAILED')).toBe(true);
    expect(stop.reason).toBe('closed 4001: device removed');
    expect(states).toEqual(['connecting', 'handshaking', 'connected', 'closed']);
  });
});

const slowMethod = defineMethod('test.slow', {
  params: Type.Object({ idempotencyKey: Type.Optional(Type.String()), tag: Type.String() }),
  result: Type.Object({ tag: Type.String(), port: Type.Number() }),
  scope: 'operator.read',
});
type AppMethods = CoreMethods & ReturnType<typeof defineMethods<[typeof slowMethod]>>;

async function startAppGateway(port = 0, answer = true) {
  const running = await startRealGateway({ port });
  const actualPort = portOf(running);
  running.gateway.method(slowMethod, ({ tag }) => (answer ? { tag, port: actualPort } : new Promise(() => undefined)));
  return running;
}

describe('server restart mid-traffic against @gatewire/server', () => {
  it('reconnects with jitter after the shutdown delay; idempotent and queued requests complete', async () => {
    const first = await startAppGateway(0, false);
    const port = portOf(first);
    const client = track(new GatewayClient<AppMethods>({ url: first.url, auth: { token: TOKEN }, reconnect: { initialDelayMs: 50, maxDelayMs: 400 } }));
    await client.connect();
    const idempotent = client.request('test.slow', { tag: 'replayed', idempotencyKey: 'k1' });
    const plain = client.request('test.slow', { tag: 'lost' }).catch((caught: unknown) => caught);
    const status = await client.request('status');
    expect(status.pendingRequests).toBeGreaterThanOrEqual(2);

    const scheduled = nextEvent(client, 'reconnect-scheduled');
    await first.close({ reason: 'upgrade', restartExpectedMs: 80 });
    const { delayMs } = await scheduled;
    expect(delayMs).toBeGreaterThanOrEqual(80);
    expect(GatewayClientError.isInstance(await plain, 'CONNECTION_CLOSED')).toBe(true);
    await waitForState(client, 'reconnecting');
    const queued = client.request('test.slow', { tag: 'queued' });

    const second = await startAppGateway(port, true);
    expect(portOf(second)).toBe(port);
    expect(await queued).toEqual({ tag: 'queued', port });
    expect(await idempotent).toEqual({ tag: 'replayed', port });
    expect(client.state).toBe('connected');
  });
});
