import { describe, expect, it } from 'vitest';
import {
  coreEvents,
  coreMethods,
  compileValidator,
  DevicePairApproveParams,
  NodeEventParams,
  NodeInvokeParams,
  NodeInvokeRequestEvent,
  NodeInvokeResultParams,
  PresenceEntry,
  StatusResult,
  validators,
} from '../src/index';
import { loadOpenClawHelloOk, validConnectParams } from './fixtures';

describe('frames', () => {
  it('accepts a minimal request, response and event', () => {
    expect(validators.requestFrame.check({ type: 'req', id: '1', method: 'health' })).toBe(true);
    expect(validators.responseFrame.check({ type: 'res', id: '1', ok: true, payload: { ok: true } })).toBe(true);
    expect(validators.eventFrame.check({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 })).toBe(true);
  });

  it('accepts a failed response that carries both payload and error', () => {
    const frame = { type: 'res', id: '1', ok: false, payload: { partial: 1 }, error: { code: 'UNAVAILABLE', message: 'busy', retryable: true, retryAfterMs: 500 } };
    expect(validators.responseFrame.check(frame)).toBe(true);
  });

  it('refuses unknown fields on every frame type (closed objects)', () => {
    expect(validators.requestFrame.check({ type: 'req', id: '1', method: 'x', extra: 1 })).toBe(false);
    expect(validators.responseFrame.check({ type: 'res', id: '1', ok: true, extra: 1 })).toBe(false);
    expect(validators.eventFrame.check({ type: 'event', event: 'x', extra: 1 })).toBe(false);
    expect(validators.errorShape.check({ code: 'X', message: 'y', extra: 1 })).toBe(false);
  });

  it('refuses empty ids and method names, negative seq and half a stateVersion', () => {
    expect(validators.requestFrame.check({ type: 'req', id: '', method: 'x' })).toBe(false);
    expect(validators.requestFrame.check({ type: 'req', id: '1', method: '' })).toBe(false);
    expect(validators.eventFrame.check({ type: 'event', event: 'x', seq: -1 })).toBe(false);
    expect(validators.eventFrame.check({ type: 'event', event: 'x', seq: 1.5 })).toBe(false);
    expect(validators.eventFrame.check({ type: 'event', event: 'presence', stateVersion: { presence: 1 } })).toBe(false);
    expect(validators.eventFrame.check({ type: 'event', event: 'presence', stateVersion: { presence: 1, health: 2 } })).toBe(true);
  });

  it('limits traceparent to 128 characters and profile ids to 1..128', () => {
    expect(validators.requestFrame.check({ type: 'req', id: '1', method: 'x', traceparent: 'a'.repeat(128) })).toBe(true);
    expect(validators.requestFrame.check({ type: 'req', id: '1', method: 'x', traceparent: 'a'.repeat(129) })).toBe(false);
    expect(validators.requestFrame.check({ type: 'req', id: '1', method: 'x', expectedProfileId: '' })).toBe(false);
  });

  it('refuses an error without a message and a negative retryAfterMs', () => {
    expect(validators.errorShape.check({ code: 'X', message: '' })).toBe(false);
    expect(validators.errorShape.check({ code: 'X', message: 'm', retryAfterMs: -1 })).toBe(false);
  });
});

describe('connect challenge and params', () => {
  it('accepts the challenge with and without capabilities', () => {
    expect(validators.connectChallenge.check({ nonce: 'n', ts: 1795287941303 })).toBe(true);
    expect(validators.connectChallenge.check({ nonce: 'n', ts: 1, capabilities: ['model-catalog-snapshot'] })).toBe(true);
    expect(validators.connectChallenge.check({ nonce: '', ts: 1 })).toBe(false);
    expect(validators.connectChallenge.check({ nonce: 'n', ts: -1 })).toBe(false);
  });

  it('accepts minimal and full connect params', () => {
    expect(validators.connectParams.check(validConnectParams())).toBe(true);
    const full = {
      ...validConnectParams(),
      client: {
        id: 'node-host',
        version: '1',
        platform: 'darwin',
        mode: 'node',
        displayName: 'Mac',
        buildId: 'b',
        deviceFamily: 'Mac',
        modelIdentifier: 'Mac14,2',
        timeZone: 'Europe/Paris',
        instanceId: 'i',
      },
      role: 'node',
      caps: ['tool-events'],
      commands: ['system.which'],
      permissions: { camera: true },
      pathEnv: '/usr/bin',
      auth: { token: 't', deviceToken: 'd', password: 'p', bootstrapToken: 'b' },
      device: { id: 'a'.repeat(64), publicKey: 'k', signature: 's', signedAt: 1, nonce: 'n' },
      locale: 'en',
      userAgent: 'ua',
    };
    expect(validators.connectParams.check(full)).toBe(true);
  });

  it('reports an unknown top-level property exactly as the reference gateway does', () => {
    const params = { ...validConnectParams(), extra: 1 };
    expect(validators.connectParams.check(params)).toBe(false);
    expect(validators.connectParams.firstError(params)).toBe("at root: unexpected property 'extra'");
  });

  it('refuses client ids and modes outside the closed enums, with a readable path', () => {
    const badId = { ...validConnectParams(), client: { id: 'my-app', version: '1', platform: 'linux', mode: 'backend' } };
    expect(validators.connectParams.check(badId)).toBe(false);
    expect(validators.connectParams.firstError(badId)).toMatch(/^at \/client\/id: /);
    const badMode = { ...validConnectParams(), client: { id: 'cli', version: '1', platform: 'linux', mode: 'daemon' } };
    expect(validators.connectParams.firstError(badMode)).toMatch(/^at \/client\/mode: /);
  });

  it('reports a missing required property by name', () => {
    const { client: _client, ...rest } = validConnectParams();
    expect(validators.connectParams.firstError(rest)).toBe("at root: missing required property 'client'");
  });

  it('requires every field of device and refuses unknown ones in auth and device', () => {
    const base = validConnectParams();
    expect(validators.connectParams.check({ ...base, device: { id: 'x', publicKey: 'k', signature: 's', signedAt: 1 } })).toBe(false);
    expect(validators.connectParams.check({ ...base, auth: { token: 't', apiKey: 'k' } })).toBe(false);
    expect(validators.connectParams.firstError({ ...base, auth: { token: 't', apiKey: 'k' } })).toBe("at /auth: unexpected property 'apiKey'");
  });

  it('requires integer protocol bounds >= 1', () => {
    expect(validators.connectParams.check({ ...validConnectParams(), minProtocol: 0 })).toBe(false);
    expect(validators.connectParams.check({ ...validConnectParams(), maxProtocol: 4.5 })).toBe(false);
  });
});

describe('hello-ok', () => {
  it('accepts the real OpenClaw 2026.9.6 hello-ok, unknown optional fields included', () => {
    const hello = loadOpenClawHelloOk();
    expect(validators.helloOk.firstError(hello)).toBeUndefined();
    expect(validators.helloOk.check(hello)).toBe(true);
  });

  it('refuses a hello-ok without policy or with a wrong type tag', () => {
    const hello = loadOpenClawHelloOk();
    const { policy: _policy, ...noPolicy } = hello;
    expect(validators.helloOk.check(noPolicy)).toBe(false);
    expect(validators.helloOk.check({ ...hello, type: 'hello' })).toBe(false);
  });

  it('refuses a snapshot whose presence entries lack ts', () => {
    const hello = loadOpenClawHelloOk() as { snapshot: { presence: Array<Record<string, unknown>> } };
    const entry = hello.snapshot.presence[0] as Record<string, unknown>;
    delete entry['ts'];
    expect(validators.helloOk.check(hello)).toBe(false);
  });
});

describe('node and device schemas', () => {
  const check = <T extends Parameters<typeof compileValidator>[0]>(schema: T, value: unknown) => compileValidator(schema).check(value);

  it('node.invoke requires an idempotency key and is closed', () => {
    expect(check(NodeInvokeParams, { nodeId: 'n', command: 'c', idempotencyKey: 'k', params: { a: 1 }, timeoutMs: 5000 })).toBe(true);
    expect(check(NodeInvokeParams, { nodeId: 'n', command: 'c' })).toBe(false);
    expect(check(NodeInvokeParams, { nodeId: 'n', command: 'c', idempotencyKey: 'k', extra: true })).toBe(false);
  });

  it('node.invoke.request event and result params match the reference shapes', () => {
    expect(check(NodeInvokeRequestEvent, { id: 'i', nodeId: 'n', command: 'c', paramsJSON: '{"a":1}', timeoutMs: 4990, idempotencyKey: 'k' })).toBe(true);
    expect(check(NodeInvokeRequestEvent, { id: 'i', nodeId: 'n', command: 'c', paramsJSON: null })).toBe(true);
    expect(check(NodeInvokeResultParams, { id: 'i', nodeId: 'n', ok: false, error: { code: 'TIMEOUT', message: 'late' } })).toBe(true);
    expect(check(NodeInvokeResultParams, { id: 'i', nodeId: 'n', ok: true, error: { code: 'X', stack: 's' } })).toBe(false);
    expect(check(NodeEventParams, { event: 'exec.finished', payloadJSON: '{}' })).toBe(true);
    expect(check(NodeEventParams, {})).toBe(false);
  });

  it('device.pair.approve needs a request id', () => {
    expect(check(DevicePairApproveParams, { requestId: 'r' })).toBe(true);
    expect(check(DevicePairApproveParams, {})).toBe(false);
  });

  it('presence entries and status results validate', () => {
    expect(check(PresenceEntry, { ts: 1, host: 'h', mode: 'ui', roles: ['operator'] })).toBe(true);
    expect(check(PresenceEntry, { host: 'h' })).toBe(false);
    const status = {
      status: 'ok',
      version: '0.1.0',
      uptimeMs: 5,
      connections: { total: 1, operator: 1, node: 0, unauthenticated: 0 },
      pendingRequests: 0,
      queueDepth: 0,
      events: { sent: 3, dropped: 0 },
      latencyMs: { avg: 0.5, p99: 1.2 },
    };
    expect(check(StatusResult, status)).toBe(true);
    expect(check(StatusResult, { ...status, status: 'broken' })).toBe(false);
  });
});

describe('core maps', () => {
  it('lists the core methods with their scopes', () => {
    expect(Object.keys(coreMethods).sort()).toEqual(
      [
        'connect',
        'device.pair.approve',
        'device.pair.list',
        'device.pair.reject',
        'device.pair.remove',
        'device.pair.rename',
        'device.scopes.requestUpgrade',
        'device.scopes.waitUpgrade',
        'device.token.revoke',
        'device.token.rotate',
        'health',
        'monitor.snapshot',
        'monitor.subscribe',
        'monitor.unsubscribe',
        'node.describe',
        'node.event',
        'node.invoke',
        'node.invoke.result',
        'node.list',
        'node.pair.approve',
        'node.pair.list',
        'node.pair.reject',
        'node.pair.remove',
        'node.rename',
        'status',
        'system-presence',
        'last-heartbeat',
        'gateway.identity.get',
        'system.info',
      ].sort(),
    );
    for (const name of ['last-heartbeat', 'gateway.identity.get', 'system.info'] as const) expect(coreMethods[name].scope, name).toBe('operator.read');
    expect(coreMethods['node.invoke.result'].scope).toBe('node');
    expect(coreMethods['device.pair.approve'].scope).toBe('operator.pairing');
    expect(coreMethods['device.token.rotate'].scope).toBe('operator.pairing');
    expect(coreMethods.health.allowAllRoles).toBe(true);
    expect(coreMethods['node.invoke'].idempotency).toBe('required');
    expect(coreMethods.connect.hidden).toBe(true);
    expect(coreMethods['monitor.subscribe'].scope).toBe('operator.admin');
  });

  it('lists the core events with their guards', () => {
    expect(coreEvents.tick.scope).toBe('everyone');
    expect(coreEvents.presence.scope).toBe('operator.read');
    expect(coreEvents['device.pair.requested'].scope).toBe('operator.pairing');
    expect(coreEvents['node.invoke.request'].scope).toBe('node');
    expect(coreEvents['node.pair.requested'].scope).toBe('operator.pairing');
    expect(coreEvents['node.pair.resolved'].scope).toBe('operator.pairing');
    expect(coreEvents.shutdown.droppable).toBe(false);
    expect(coreEvents.presence.droppable).toBe(true);
    expect(coreEvents['monitor.update'].scope).toBe('operator.admin');
  });
});
