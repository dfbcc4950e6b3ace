import { describe, expect, it } from 'vitest';
import { connectClient, connectParams, errorOf, handshake, startTestGateway } from './helpers/fixtures';
import { createTestDevice, signConnect } from '@gatewire/test-harness';

describe('gateway.reconfigure', () => {
  it('rotating the token closes token sessions 4001, keeps device-token sessions and the kept id, and refuses the old token', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: 'old-token' } });
    const tokenSession = await connectClient(target, connectParams({ auth: { token: 'old-token' } }));
    const keeper = await connectClient(target, connectParams({ auth: { token: 'old-token' } }));

    const device = await createTestDevice();
    const first = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { token: 'old-token' } }), device, challenge));
    const deviceToken = (first.hello['auth'] as { deviceToken: string }).deviceToken;
    expect(deviceToken).toBeTruthy();
    await first.client.close();
    const deviceSession = await connectClient(target, (challenge) => signConnect(connectParams({ auth: { deviceToken } }), device, challenge));
    expect((deviceSession.hello['auth'] as { method: string }).method).toBe('device-token');

    const keepConnId = (keeper.hello['server'] as { connId: string }).connId;
    const closed = target.gateway.reconfigure({ auth: { mode: 'token', token: 'new-token' } }, { keepConnIds: [keepConnId] });
    expect(closed).toBe(1);
    expect(await tokenSession.client.closed).toEqual({ code: 4001, reason: 'gateway auth changed' });

    // The device-token session and the kept one still answer.
    for (const session of [deviceSession, keeper]) {
      const reply = await session.client.request('health', {});
      expect(reply.ok).toBe(true);
    }

    const stale = await target.open();
    const { response } = await handshake(stale, connectParams({ auth: { token: 'old-token' } }));
    expect(errorOf(response).details?.['code']).toBe('AUTH_TOKEN_MISMATCH');
    await connectClient(target, connectParams({ auth: { token: 'new-token' } }));
  });

  it('changing only allowed origins closes nobody and applies to the next upgrade', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: 'secret-token' } });
    const session = await connectClient(target, connectParams({ auth: { token: 'secret-token' } }));
    const refused = await target.open({ origin: 'https://app.example' });
    const first = await handshake(refused, connectParams({ auth: { token: 'secret-token' } }));
    expect(errorOf(first.response).details?.['code']).toBe('CONTROL_UI_ORIGIN_NOT_ALLOWED');

    expect(target.gateway.reconfigure({ allowedOrigins: ['https://app.example'] })).toBe(0);
    const allowed = await target.open({ origin: 'https://app.example' });
    const second = await handshake(allowed, connectParams({ auth: { token: 'secret-token' } }));
    expect(second.response.ok).toBe(true);
    expect((await session.client.request('health', {})).ok).toBe(true);
  });

  it('an invalid update throws a TypeError and changes nothing', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: 'secret-token' } });
    expect(() => target.gateway.reconfigure({ auth: { mode: 'token' } })).toThrow(TypeError);
    expect(() => target.gateway.reconfigure({ trustedProxies: ['not-a-cidr'] })).toThrow();
    await connectClient(target, connectParams({ auth: { token: 'secret-token' } }));
  });
});
