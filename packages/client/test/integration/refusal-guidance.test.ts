import { describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../src/node';
import { track } from '../helpers/cleanup';
import { startRealGateway } from '../helpers/real-gateway';

describe('refusals a person can act on (against @gatewire/server)', () => {
  it('no token and no device: says that no credentials were sent, not only "device identity required"', async () => {
    const { url } = await startRealGateway();
    const client = track(new GatewayClient({ url, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'AUTH_FAILED')).toBe(true);
    expect((error as Error).message).toBe(
      'connect refused: no credentials were sent: pass auth.token (the gateway token), auth.password, or a device identity (DEVICE_IDENTITY_REQUIRED)',
    );
    expect((error as Error).cause).toMatchObject({ code: 'NOT_PAIRED', detailCode: 'DEVICE_IDENTITY_REQUIRED' });
  });

  it('a refused Origin is ORIGIN_NOT_ALLOWED (its own code, not AUTH_FAILED), and fatal', async () => {
    const { url } = await startRealGateway({ allowedOrigins: ['https://app.example.test'] });
    const client = track(new GatewayClient({ url, auth: { token: 'any' }, headers: { Origin: 'https://evil.example.test' }, reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }));
    let scheduled = 0;
    client.on('reconnect-scheduled', () => (scheduled += 1));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'ORIGIN_NOT_ALLOWED')).toBe(true);
    expect((error as Error).message).toContain('(CONTROL_UI_ORIGIN_NOT_ALLOWED)');
    expect((error as Error).cause).toMatchObject({ detailCode: 'CONTROL_UI_ORIGIN_NOT_ALLOWED' });
    expect(scheduled).toBe(0);
  });
});
