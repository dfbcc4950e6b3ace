import { GatewayClient } from '@openclaw/gateway-client';
import { describe, expect, it } from 'vitest';
import { onCleanup, startTestGateway } from './helpers/fixtures';

const TOKEN = 'conformance-token';

describe('conformance with @openclaw/gateway-client', () => {
  it('connects with token auth, receives hello-ok and calls health', async () => {
    const target = await startTestGateway({ auth: { mode: 'token', token: TOKEN } });
    let resolveHello: (hello: unknown) => void = () => {};
    const helloReceived = new Promise<unknown>((resolve) => (resolveHello = resolve));
    const errors: Error[] = [];
    const client = new GatewayClient({
      url: target.url,
      token: TOKEN,
      deviceIdentity: null,
      onHelloOk: (hello) => resolveHello(hello),
      onConnectError: (error) => errors.push(error),
    });
    onCleanup(() => client.stopAndWait({ timeoutMs: 1000 }));
    client.start();
    const hello = (await helloReceived) as { protocol: number; auth: { role: string; scopes: string[]; method: string } };
    expect(errors).toEqual([]);
    expect(hello.protocol).toBe(4);
    expect(hello.auth).toMatchObject({ role: 'operator', scopes: ['operator.admin'], method: 'token' });
    const health = await client.request<{ ok: boolean }>('health');
    expect(health.ok).toBe(true);
    const status = await client.request<{ connections: { operator: number } }>('status');
    expect(status.connections.operator).toBe(1);
  });
});
