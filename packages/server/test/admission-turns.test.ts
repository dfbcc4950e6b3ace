import { describe, expect, it } from 'vitest';
import type { AuthenticateContext, AuthenticateResult } from '../src/index';
import { connectClient, connectParams, errorOf, handshake, startTestGateway } from './helpers/fixtures';

const TOKEN = 'correct-horse-battery-staple';

/** A synchronous `authenticate` hook answering `result` that records, in `order`, its run and a microtask it queues. */
function recordingHook(order: string[], result: AuthenticateResult): () => AuthenticateResult {
  return () => {
    order.push('hook');
    queueMicrotask(() => order.push('microtask'));
    return result;
  };
}

/**
 * Where, relative to the microtasks the `authenticate` hook queues, the gateway answered: admission
 * runs to its answer in the turn the `connect` frame arrived while nothing it asks returns a
 * promise, and waits where a hook does.
 */
describe('admission turns', () => {
  it('answers a handshake with a synchronous authenticate hook in the turn the connect arrived', async () => {
    const order: string[] = [];
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      authenticate: recordingHook(order, { ok: true, user: 'svc', scopes: ['operator.read'] }),
    });
    target.gateway.on('connection', () => order.push('connection'));
    const { hello } = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    expect(hello['auth']).toMatchObject({ scopes: ['operator.read'], method: 'token' });
    expect(order).toEqual(['hook', 'connection', 'microtask']);
  });

  it('refuses in the same turn when a check after a synchronous hook fails', async () => {
    const order: string[] = [];
    const target = await startTestGateway({
      auth: { mode: 'none' },
      authenticate: recordingHook(order, { ok: true }),
    });
    target.gateway.on('refused', () => order.push('refused'));
    const client = await target.open();
    const error = errorOf((await handshake(client, connectParams({ role: 'node' }))).response);
    expect(error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'DEVICE_IDENTITY_REQUIRED' } });
    expect((await client.closed).code).toBe(1008);
    expect(order).toEqual(['hook', 'refused', 'microtask']);
  });

  it('answers a synchronous hook refusal (a counted failure) after its failure delay', async () => {
    const order: string[] = [];
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      authenticate: recordingHook(order, { ok: false, message: 'unknown api key' }),
    });
    target.gateway.on('refused', () => order.push('refused'));
    const client = await target.open();
    const error = errorOf((await handshake(client, connectParams({ auth: { token: TOKEN } }))).response);
    expect(error).toMatchObject({ message: 'unauthorized: unknown api key', details: { code: 'AUTH_UNAUTHORIZED' } });
    expect((await client.closed).code).toBe(1008);
    expect(order).toEqual(['hook', 'microtask', 'refused']);
  });

  it('waits for an asynchronous authenticate hook and answers with what it resolved', async () => {
    const order: string[] = [];
    const seen: AuthenticateContext[] = [];
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      authenticate: async (context): Promise<AuthenticateResult> => {
        seen.push(context);
        order.push('hook');
        queueMicrotask(() => order.push('microtask'));
        await new Promise((resolve) => setImmediate(resolve));
        order.push('resolved');
        return { ok: true, user: 'async-svc', scopes: ['operator.read'] };
      },
    });
    target.gateway.on('connection', ({ connection }) => order.push(`connection ${connection.user ?? ''}`));
    const { hello } = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    expect(hello['auth']).toMatchObject({ scopes: ['operator.read'], method: 'token' });
    expect(order).toEqual(['hook', 'microtask', 'resolved', 'connection async-svc']);
    expect(seen.map((context) => context.clientIp)).toEqual(['127.0.0.1']);
  });

  it('refuses after an asynchronous hook resolves a refusal', async () => {
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      authenticate: () => new Promise<AuthenticateResult>((resolve) => setImmediate(() => resolve({ ok: false, message: 'revoked' }))),
    });
    const client = await target.open();
    const error = errorOf((await handshake(client, connectParams({ auth: { token: TOKEN } }))).response);
    expect(error).toMatchObject({ message: 'unauthorized: revoked', details: { code: 'AUTH_UNAUTHORIZED' } });
    expect((await client.closed).code).toBe(1008);
  });

  it.each([
    ['throws', (): AuthenticateResult => { throw new Error('hook broke'); }],
    ['rejects', (): Promise<AuthenticateResult> => Promise.reject(new Error('hook broke'))],
  ])('answers UNAVAILABLE and closes 1011 when the hook %s', async (_how, authenticate) => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN }, authenticate });
    const errors: Array<{ method?: string | undefined; message: string }> = [];
    target.gateway.on('error', (event) => errors.push({ method: event.method, message: (event.error as Error).message }));
    const client = await target.open();
    const error = errorOf((await handshake(client, connectParams({ auth: { token: TOKEN } }))).response);
    expect(error).toEqual({ code: 'UNAVAILABLE', message: 'connect failed' });
    expect(await client.closed).toEqual({ code: 1011, reason: 'connect failed' });
    expect(errors).toEqual([{ method: 'connect', message: 'hook broke' }]);
  });
});
