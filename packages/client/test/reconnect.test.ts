import { FATAL_CONNECT_DETAIL_CODES } from '@gatewire/protocol/lite';
import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError, type SdkErrorCode } from '../src/index';
import { startFakeGateway, track } from './helpers/cleanup';
import { refusal } from './helpers/fake-gateway';
import { nextEvent, recordStates, waitForState } from './helpers/wait';

const fastReconnect = { initialDelayMs: 5, maxDelayMs: 20 };

describe('fatal codes stop reconnecting', () => {
  it.each([...FATAL_CONNECT_DETAIL_CODES])('refused connect with details.code %s', async (detailCode) => {
    const gateway = await startFakeGateway({ refuse: refusal(detailCode, `refused: ${detailCode}`, { recommendedNextStep: 'update_auth_credentials' }) });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: fastReconnect }));
    let scheduled = 0;
    client.on('reconnect-scheduled', () => (scheduled += 1));
    const paused = nextEvent(client, 'reconnect-paused');
    const error = await client.connect().catch((caught: unknown) => caught);
    const ownCodes: Record<string, string> = { PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH', PAIRING_REQUIRED: 'PAIRING_REQUIRED', CONTROL_UI_ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED' };
    const expected = (ownCodes[detailCode] ?? 'AUTH_FAILED') as SdkErrorCode;
    expect(GatewayClientError.isInstance(error, expected)).toBe(true);
    expect((error as Error).cause).toMatchObject({ code: 'INVALID_REQUEST', detailCode });
    expect((await paused).reason).toContain(detailCode);
    expect(client.state).toBe('closed');
    expect(scheduled).toBe(0);
    expect(gateway.connections).toHaveLength(1);
  });

  it.each([
    [1002, 'protocol mismatch', 'PROTOCOL_MISMATCH'],
    [4001, 'device removed', 'AUTH_FAILED'],
  ] as const)('close %i after hello-ok', async (code, reason, sdkCode) => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: fastReconnect }));
    const states = recordStates(client);
    await client.connect();
    const closed = nextEvent(client, 'closed');
    gateway.ready[0]?.close(code, reason);
    const stop = await closed;
    expect(GatewayClientError.isInstance(stop.error, sdkCode)).toBe(true);
    expect(stop.reason).toBe(`closed ${code}: ${reason}`);
    expect(states).toEqual(['connecting', 'handshaking', 'connected', 'closed']);
  });

  it('close() by the application', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: fastReconnect }));
    const states = recordStates(client);
    await client.connect();
    const closed = nextEvent(client, 'closed');
    await client.close();
    expect(await closed).toEqual({ reason: 'closed by client', error: undefined });
    expect(states.at(-1)).toBe('closed');
    expect(gateway.connections).toHaveLength(1);
  });

  it('resolves every connect() waiting for the same hello-ok, and rejects the ones waiting when the client closes', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: fastReconnect }));
    const [first, second] = await Promise.all([client.connect(), client.connect()]);
    expect(first).toBe(second);
    expect(await client.connect()).toBe(first);
    await client.close();
    const stalled = await startFakeGateway({ stallConnect: true });
    const waiting = track(new GatewayClient({ url: stalled.url, reconnect: fastReconnect }));
    const outcomes = Promise.allSettled([waiting.connect(), waiting.connect()]);
    await waitForState(waiting, 'handshaking');
    await waiting.close();
    const settled = await outcomes;
    expect(settled.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(GatewayClientError.isInstance((settled[0] as PromiseRejectedResult).reason, 'CONNECTION_CLOSED')).toBe(true);
  });

  it('close() resolves even when a closed listener throws, and every pending close() resolves', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: fastReconnect }));
    await client.connect();
    const errors: Error[] = [];
    client.on('error', (error) => errors.push(error));
    client.on('closed', () => {
      throw new Error('listener failed');
    });
    const first = client.close();
    const second = client.close();
    await Promise.all([first, second]);
    expect(client.state).toBe('closed');
    expect(errors.map((error) => error.message)).toEqual(['listener failed']);
    await client.close(); // already closed: resolves at once
  });

  it('retries PAIRING_REQUIRED when the gateway says pauseReconnect: false', async () => {
    const gateway = await startFakeGateway({ refuse: refusal('PAIRING_REQUIRED', 'pairing required', { pauseReconnect: false }) });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: fastReconnect }));
    void client.connect().catch(() => undefined);
    const scheduled = await nextEvent(client, 'reconnect-scheduled');
    expect(scheduled.attempt).toBe(1);
    await nextEvent(client, 'reconnect-scheduled');
    expect(gateway.connections.length).toBeGreaterThanOrEqual(2);
  });
});

describe('reconnection', () => {
  it('reconnects after a retryable close and honours retryAfterMs', async () => {
    const gateway = await startFakeGateway({
      refuse: { error: { code: 'UNAVAILABLE', message: 'gateway starting', retryable: true, retryAfterMs: 120, details: { reason: 'startup-sidecars' } }, closeCode: 1013, closeReason: 'gateway starting' },
    });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: { ...fastReconnect, random: () => 0 } }));
    void client.connect().catch(() => undefined);
    const scheduled = await nextEvent(client, 'reconnect-scheduled');
    expect(scheduled.delayMs).toBe(120);
    expect(client.state).toBe('reconnecting');
  });

  it('waits shutdown.restartExpectedMs before reconnecting', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: { ...fastReconnect, random: () => 0 } }));
    await client.connect();
    const scheduled = nextEvent(client, 'reconnect-scheduled');
    gateway.ready[0]?.sendEvent('shutdown', { reason: 'restart', restartExpectedMs: 300 });
    gateway.ready[0]?.close(1012, 'service restart');
    expect((await scheduled).delayMs).toBe(300);
  });

  it('gives up after maxAttempts with RECONNECT_EXHAUSTED', async () => {
    const gateway = await startFakeGateway({ refuse: { error: { code: 'UNAVAILABLE', message: 'busy' }, closeCode: 1013, closeReason: 'try later' } });
    const client = track(new GatewayClient({ url: gateway.url, reconnect: { ...fastReconnect, maxAttempts: 2 } }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'RECONNECT_EXHAUSTED')).toBe(true);
    expect(gateway.connections).toHaveLength(3);
  });

  it('does not reconnect when reconnect is false', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    await client.connect();
    const closed = nextEvent(client, 'closed');
    gateway.ready[0]?.close(1012, 'service restart');
    expect(GatewayClientError.isInstance((await closed).error, 'CONNECTION_CLOSED')).toBe(true);
  });

  it('bounds the reconnect queue by size and waiting time', async () => {
    const gateway = await startFakeGateway();
    const client = track(new GatewayClient({ url: gateway.url, reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1 }, queue: { maxSize: 1, timeoutMs: 50 } }));
    await client.connect();
    gateway.ready[0]?.close(1012, 'service restart');
    await waitForState(client, 'reconnecting');
    const first = client.request('health').catch((caught: unknown) => caught);
    const second = await client.request('health').catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(second, 'QUEUE_FULL')).toBe(true);
    expect(GatewayClientError.isInstance(await first, 'QUEUE_TIMEOUT')).toBe(true);
  });
});
