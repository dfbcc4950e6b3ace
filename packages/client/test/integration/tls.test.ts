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

  it('names an untrusted certificate, with its fingerprint to pin, instead of "connection closed (1006)"', async () => {
    const { url } = await startRealGateway({ tls: { cert: served.cert, key: served.key } });
    const client = track(new GatewayClient({ url, auth: { token: TOKEN }, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TRANSPORT_ERROR')).toBe(true);
    const failure = error as GatewayClientError;
    expect(failure.transportCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect((failure.cause as { code?: unknown }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(failure.message).toContain(`fingerprint sha256:${served.fingerprint}`);
    expect(failure.message).toContain('tlsFingerprint');
  });

  it('says to use wss:// when a plain upgrade reaches a TLS port', async () => {
    const { url } = await startRealGateway({ tls: { cert: served.cert, key: served.key } });
    const client = track(new GatewayClient({ url: url.replace('wss://', 'ws://'), auth: { token: TOKEN }, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TRANSPORT_ERROR')).toBe(true);
    expect((error as GatewayClientError).transportCode).toBe('ECONNRESET');
    expect((error as Error).message).toContain('use wss://');
  });

  it('refuses a pin with ws:// at construction', async () => {
    const { url } = await startRealGateway();
    expect(() => new GatewayClient({ url, tlsFingerprint: served.fingerprint })).toThrow(/requires a wss:\/\//);
  });
});
