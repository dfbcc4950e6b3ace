import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError } from '../../src/node';
import { track } from '../helpers/cleanup';
import { startRealGateway, TOKEN } from '../helpers/real-gateway';

async function certificate(): Promise<{ key: string; cert: string; fingerprint: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

describe('TLS pinning against @gatewire/server (wss://)', () => {
  let served: Awaited<ReturnType<typeof certificate>>;
  let other: Awaited<ReturnType<typeof certificate>>;
  beforeAll(async () => {
    [served, other] = await Promise.all([certificate(), certificate()]);
  }, 30_000);

  it('connects with a matching pin and refuses a mismatching one without reconnecting', async () => {
    const { url } = await startRealGateway({ tls: { cert: served.cert, key: served.key } });
    expect(url.startsWith('wss://')).toBe(true);
    const pinned = track(new GatewayClient({ url, auth: { token: TOKEN }, tlsFingerprint: `sha256:${served.fingerprint}`, reconnect: false }));
    expect((await pinned.connect()).type).toBe('hello-ok');

    const wrong = track(new GatewayClient({ url, auth: { token: TOKEN }, tlsFingerprint: other.fingerprint, reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }));
    let scheduled = 0;
    wrong.on('reconnect-scheduled', () => (scheduled += 1));
    const error = await wrong.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TLS_PIN_MISMATCH')).toBe(true);
    expect(scheduled).toBe(0);
    expect(wrong.state).toBe('closed');
  });

  it('refuses a pin with ws:// at construction', async () => {
    const { url } = await startRealGateway();
    expect(() => new GatewayClient({ url, tlsFingerprint: served.fingerprint })).toThrow(/requires a wss:\/\//);
  });
});
