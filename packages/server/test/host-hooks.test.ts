import type { HealthSnapshot } from '@gatewire/protocol';
import { describe, expect, it } from 'vitest';
import { createGateway, HostHookError, MAX_HOOK_RESULT_DEPTH, type GatewayErrorEvent } from '../src/index';
import { healthMethod } from '@gatewire/protocol';
import { connectClient, connectParams, errorOf, startTestGateway } from './helpers/fixtures';

/** The reference gateway's health summary, as its CLI and Control UI read it (the fields they use). */
type HealthSummary = {
  ok: true;
  ts: number;
  durationMs: number;
  channels: Record<string, { accountId: string; configured?: boolean; linked?: boolean }>;
  channelOrder: string[];
  channelLabels: Record<string, string>;
  heartbeatSeconds: number;
  defaultAgentId: string;
  agents: Array<{ agentId: string; isDefault: boolean; heartbeat: { enabled: boolean; everyMs: number | null }; sessions: HealthSummary['sessions'] }>;
  sessions: { path: string; count: number; recent: Array<{ key: string; updatedAt: number | null; age: number | null }> };
};

function healthSummary(): HealthSummary {
  const sessions = { path: '/var/lib/app/sessions.json', count: 1, recent: [{ key: 'main', updatedAt: 1_700_000_000_000, age: 42 }] };
  return {
    ok: true,
    ts: Date.now(),
    durationMs: 3,
    channels: { telegram: { accountId: 'default', configured: true, linked: true } },
    channelOrder: ['telegram'],
    channelLabels: { telegram: 'Telegram' },
    heartbeatSeconds: 1800,
    defaultAgentId: 'main',
    agents: [{ agentId: 'main', isDefault: true, heartbeat: { enabled: false, everyMs: null }, sessions }],
    sessions,
  };
}

/** The fields of the summary that do not change between runs. */
const { ts: _ts, ...stableSummary } = healthSummary();

function collectErrors(target: { gateway: { on(event: 'error', listener: (event: GatewayErrorEvent) => void): unknown } }): GatewayErrorEvent[] {
  const errors: GatewayErrorEvent[] = [];
  target.gateway.on('error', (event) => errors.push(event));
  return errors;
}

describe('host hooks: health, status and hello-ok.snapshot shaped by the host', () => {
  it('serves a reference-shaped HealthSummary through health, status, the snapshot, the seq-1 health event and the periodic health events', async () => {
    const bases: HealthSnapshot[] = [];
    const target = await startTestGateway({
      healthIntervalMs: 60,
      health: ({ base }) => {
        bases.push(base);
        return healthSummary();
      },
      status: ({ base, caller }) => ({ ...base, heartbeat: { defaultAgentId: 'main' }, queuedSystemEvents: [], caller: caller?.client.id ?? 'host' }),
      snapshot: ({ connection }) => ({
        appliedConfigHash: 'c0ffee',
        sessionDefaults: { defaultAgentId: 'main' },
        ...(connection.scopes.includes('operator.admin') ? { configPath: '/etc/app/config.json' } : {}),
      }),
    });
    // connectClient also checks that the health event at seq 1 repeats snapshot.health and stateVersion.
    const { client, hello } = await connectClient(target);
    const snapshot = hello['snapshot'] as Record<string, unknown>;
    expect(snapshot['health']).toMatchObject(stableSummary);
    expect(snapshot).toMatchObject({ appliedConfigHash: 'c0ffee', sessionDefaults: { defaultAgentId: 'main' }, configPath: '/etc/app/config.json', authMode: 'none' });
    expect(bases[0]).toMatchObject({ ok: true, durationMs: 0 });

    const reader = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    expect(reader.hello['snapshot']).toMatchObject({ appliedConfigHash: 'c0ffee' });
    expect(reader.hello['snapshot']).not.toHaveProperty('configPath');

    const health = await client.request('health');
    expect(health).toMatchObject({ ok: true, payload: stableSummary });
    const status = await client.request('status');
    expect(status).toMatchObject({ ok: true, payload: { status: 'ok', connections: { total: 2 }, heartbeat: { defaultAgentId: 'main' }, queuedSystemEvents: [], caller: 'gateway-client' } });
    // The embedded API answers what the method answers: the host's fields too.
    const hostFields = { heartbeat: { defaultAgentId: 'main' }, queuedSystemEvents: [] };
    expect(await target.gateway.status()).toMatchObject({ status: 'ok', connections: { total: 2 }, ...hostFields, caller: 'host' });
    const [caller] = target.gateway.connections();
    expect(await target.gateway.status({ caller })).toMatchObject({ ...hostFields, caller: 'gateway-client' });

    const periodic = await client.nextEvent('health');
    expect(periodic).toMatchObject({ payload: stableSummary });
    const versions = [periodic, snapshot].map((holder) => (holder['stateVersion'] as { health: number }).health);
    expect(versions[0]).toBeGreaterThan(versions[1] ?? Number.POSITIVE_INFINITY);
  });

  it('keeps the default shapes when no hook is set', async () => {
    const target = await startTestGateway();
    const { client, hello } = await connectClient(target);
    const snapshot = hello['snapshot'] as Record<string, unknown>;
    expect(Object.keys(snapshot).sort()).toEqual(['authMode', 'health', 'presence', 'stateVersion', 'uptimeMs']);
    expect(Object.keys(snapshot['health'] as object).sort()).toEqual(['durationMs', 'ok', 'ts']);
    const health = await client.request('health');
    expect(Object.keys(health['payload'] as object).sort()).toEqual(['durationMs', 'ok', 'ts']);
    const status = await client.request('status');
    expect(Object.keys(status['payload'] as object).sort()).toEqual(['connections', 'events', 'latencyMs', 'latencyWindowMs', 'pendingRequests', 'queueDepth', 'queueLimit', 'status', 'uptimeMs', 'version']);
  });

  it('answers a throwing health hook with the gateway health, ok false and HOST_HOOK_FAILED, and still completes the handshake', async () => {
    const target = await startTestGateway({
      health: () => {
        throw new Error('db password hunter2 rejected');
      },
    });
    const errors = collectErrors(target);
    const { client, hello } = await connectClient(target);
    const failed = { ok: false, durationMs: 0, error: { code: 'HOST_HOOK_FAILED', message: 'health hook failed' } };
    expect(hello['snapshot']).toMatchObject({ health: failed });
    expect(await client.request('health')).toMatchObject({ ok: true, payload: failed });
    expect(JSON.stringify(hello)).not.toContain('hunter2');
    expect(errors.map((event) => event.method)).toEqual(['health', 'health']);
    const [first] = errors;
    expect(HostHookError.isInstance(first?.error)).toBe(true);
    expect(first?.error).toMatchObject({ code: 'HOST_HOOK_FAILED', hook: 'health', cause: expect.objectContaining({ message: 'db password hunter2 rejected' }) });
  });

  it('answers status UNAVAILABLE with the hook error code when the hook rejects or returns a wrong shape', async () => {
    let answer: () => Promise<unknown> = () => Promise.reject(new Error('backend down'));
    const target = await startTestGateway({ status: () => answer() as never });
    const errors = collectErrors(target);
    const { client } = await connectClient(target);
    const rejected = await client.request('status');
    expect(rejected['ok']).toBe(false);
    expect(errorOf(rejected)).toEqual({ code: 'UNAVAILABLE', message: 'status hook failed', details: { code: 'HOST_HOOK_FAILED' }, retryable: true });

    answer = async () => ({ sessions: 3 });
    const wrongShape = await client.request('status');
    expect(errorOf(wrongShape)).toEqual({
      code: 'UNAVAILABLE',
      message: "status hook result is invalid: at root: missing required property 'status'",
      details: { code: 'HOST_HOOK_INVALID_RESULT' },
      retryable: false,
    });
    expect(errors.map((event) => [event.method, event.connId !== undefined, (event.error as HostHookError).code])).toEqual([
      ['status', true, 'HOST_HOOK_FAILED'],
      ['status', true, 'HOST_HOOK_INVALID_RESULT'],
    ]);
  });

  it('rejects gateway.status() with the HostHookError of a failing hook (and emits error), and ends the run on its signal', async () => {
    let answer: (signal: AbortSignal) => Promise<unknown> = () => Promise.reject(new Error('backend down'));
    const target = await startTestGateway({ status: ({ signal }) => answer(signal) as never });
    const errors = collectErrors(target);
    const failed = await target.gateway.status().catch((error: unknown) => error);
    expect(HostHookError.isInstance(failed)).toBe(true);
    expect(failed).toMatchObject({ code: 'HOST_HOOK_FAILED', hook: 'status', cause: expect.objectContaining({ message: 'backend down' }) });

    answer = async () => ({ sessions: 3 });
    await expect(target.gateway.status()).rejects.toMatchObject({ code: 'HOST_HOOK_INVALID_RESULT', message: "status hook result is invalid: at root: missing required property 'status'" });
    expect(errors.map((event) => [event.method, event.connId, (event.error as HostHookError).code])).toEqual([
      ['status', undefined, 'HOST_HOOK_FAILED'],
      ['status', undefined, 'HOST_HOOK_INVALID_RESULT'],
    ]);

    let hookSignal: AbortSignal | undefined;
    answer = (signal) => {
      hookSignal = signal;
      return new Promise(() => {});
    };
    const controller = new AbortController();
    const pending = target.gateway.status({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'HOST_HOOK_FAILED', hook: 'status' });
    expect(hookSignal?.aborted).toBe(true);
  });

  it('refuses results that are not plain JSON, with the path, and never sends them', async () => {
    let result: unknown;
    const target = await startTestGateway({ health: () => result as HealthSnapshot });
    const { client } = await connectClient(target);
    const cyclic: Record<string, unknown> = { ok: true, ts: 1 };
    cyclic['self'] = cyclic;
    const cases: Array<[unknown, string]> = [
      [{ ok: true, ts: 1, channels: { telegram: { probe: () => 1 } } }, 'health hook result is not JSON: at /channels/telegram/probe: a function is not JSON'],
      [{ ok: true, ts: 1, bytes: 10n }, 'health hook result is not JSON: at /bytes: a bigint is not JSON'],
      [{ ok: true, ts: 1, lag: Number.NaN }, 'health hook result is not JSON: at /lag: NaN is not a JSON number'],
      [{ ok: true, ts: 1, since: new Date(0) }, 'health hook result is not JSON: at /since: a Date is not a plain object'],
      [cyclic, `health hook result is not JSON: at ${'/self'.repeat(MAX_HOOK_RESULT_DEPTH)}: nested deeper than 32 levels (or cyclic)`],
      [{ ok: 'yes', ts: 1 }, 'health hook result is invalid: at /ok: expected boolean'],
      [undefined, 'health hook result is not JSON: at root: undefined is not JSON'],
    ];
    for (const [value, message] of cases) {
      result = value;
      const answer = await client.request('health');
      expect(answer['payload']).toMatchObject({ ok: false, error: { code: 'HOST_HOOK_INVALID_RESULT', message } });
    }
  });

  it('gives a slow hook hostHookTimeoutMs, aborts its signal, and completes the handshake without the host fields', async () => {
    const aborted: string[] = [];
    const never = (name: string, signal: AbortSignal) => new Promise<never>(() => signal.addEventListener('abort', () => aborted.push(name)));
    const target = await startTestGateway({
      hostHookTimeoutMs: 100,
      health: ({ signal }) => never('health', signal),
      snapshot: ({ signal }) => never('snapshot', signal),
    });
    const errors = collectErrors(target);
    const { hello } = await connectClient(target);
    const snapshot = hello['snapshot'] as Record<string, unknown>;
    expect(Object.keys(snapshot).sort()).toEqual(['authMode', 'health', 'presence', 'stateVersion', 'uptimeMs']);
    expect(snapshot['health']).toMatchObject({ ok: false, error: { code: 'HOST_HOOK_TIMEOUT', message: 'health hook did not settle within 100 ms' } });
    expect(aborted.sort()).toEqual(['health', 'snapshot']);
    expect(errors.map((event) => [event.method, (event.error as HostHookError).code]).sort()).toEqual([
      ['connect', 'HOST_HOOK_TIMEOUT'],
      ['health', 'HOST_HOOK_TIMEOUT'],
    ]);
  });

  it('leaves the snapshot as the gateway has it when the snapshot hook sets a field the gateway owns', async () => {
    const target = await startTestGateway({ snapshot: () => ({ appliedConfigHash: 'x', presence: [] }) as never });
    const errors = collectErrors(target);
    const { hello } = await connectClient(target);
    expect(hello['snapshot']).not.toHaveProperty('appliedConfigHash');
    expect((hello['snapshot'] as { presence: unknown[] }).presence.length).toBeGreaterThan(0);
    expect(errors.map((event) => (event.error as HostHookError).message)).toEqual(['snapshot hook result is invalid: presence belongs to the gateway']);
  });

  it('rejects bad hook options at construction and points a second health registration at the option', async () => {
    const health = () => ({ ok: true, ts: 0 });
    expect(() => createGateway({ health, hostHookTimeoutMs: 15_000 })).toThrow('gateway option hostHookTimeoutMs must be below handshakeTimeoutMs when a health or snapshot hook is set');
    expect(() => createGateway({ snapshot: () => ({}), handshakeTimeoutMs: 3_000 })).toThrow('hostHookTimeoutMs must be below handshakeTimeoutMs');
    expect(() => createGateway({ health: 'ok' as never })).toThrow('gateway option health must be a function');
    const gateway = createGateway({ status: ({ base }) => base, handshakeTimeoutMs: 100 });
    expect(() => gateway.method(healthMethod, () => ({ ok: true, ts: 0 }))).toThrow('gateway.method: health is already registered (serve your own health with the gateway option `health`)');
    await gateway.close();
  });
});
