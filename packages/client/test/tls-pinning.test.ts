import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient, GatewayClientError, InvalidOptionsError } from '../src/node';
import { onCleanup, track } from './helpers/cleanup';
import { FakeGateway } from './helpers/fake-gateway';

interface Certificate {
  readonly key: string;
  readonly cert: string;
  /** `AB:CD:…` as `X509Certificate.fingerprint256` gives it. */
  readonly fingerprint256: string;
}

async function makeCertificate(): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { key: pems.private, cert: pems.cert, fingerprint256: new X509Certificate(pems.cert).fingerprint256 };
}

/** A TLS gateway that counts TLS handshakes and HTTP upgrade requests. */
async function startTlsGateway(certificate: Certificate): Promise<{ gateway: FakeGateway; server: Server; counts: { tcp: number; upgrades: number } }> {
  const server = createServer({ key: certificate.key, cert: certificate.cert });
  const counts = { tcp: 0, upgrades: 0 };
  server.on('connection', () => (counts.tcp += 1));
  server.prependListener('upgrade', () => (counts.upgrades += 1));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const gateway = await FakeGateway.start({ httpsServer: server });
  onCleanup(async () => {
    await gateway.stop(1001, 'test over');
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { gateway, server, counts };
}

describe('TLS fingerprint pinning (@gatewire/client/node)', () => {
  let served: Certificate;
  let other: Certificate;
  beforeAll(async () => {
    [served, other] = await Promise.all([makeCertificate(), makeCertificate()]);
  }, 30_000);

  it('connects when the pin matches the leaf certificate, in place of CA validation', async () => {
    const { gateway, counts } = await startTlsGateway(served);
    for (const pin of [`sha256:${served.fingerprint256}`, served.fingerprint256.replace(/:/g, '').toLowerCase()]) {
      const client = track(new GatewayClient({ url: gateway.url, tlsFingerprint: pin, reconnect: false }));
      const hello = await client.connect();
      expect(hello.type).toBe('hello-ok');
      await client.close();
    }
    expect(counts.upgrades).toBe(2);
  });

  it('refuses a self-signed server without a pin (the CA check is on)', async () => {
    const { gateway, counts } = await startTlsGateway(served);
    const client = track(new GatewayClient({ url: gateway.url, reconnect: false }));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TRANSPORT_ERROR')).toBe(true);
    expect(counts.upgrades).toBe(0);
  });

  it('fails with TLS_PIN_MISMATCH before any upgrade byte and never reconnects', async () => {
    const { gateway, counts } = await startTlsGateway(served);
    const client = track(new GatewayClient({ url: gateway.url, tlsFingerprint: other.fingerprint256, reconnect: { initialDelayMs: 1, maxDelayMs: 2 } }));
    let scheduled = 0;
    client.on('reconnect-scheduled', () => (scheduled += 1));
    const paused = new Promise((resolve) => client.once('reconnect-paused', resolve));
    const error = await client.connect().catch((caught: unknown) => caught);
    expect(GatewayClientError.isInstance(error, 'TLS_PIN_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('mismatch');
    await paused;
    expect(client.state).toBe('closed');
    expect(scheduled).toBe(0);
    expect(counts.tcp).toBe(1);
    expect(counts.upgrades).toBe(0);
    expect(gateway.connections).toHaveLength(0);
  });

  it('rejects a pin with ws:// and a malformed pin at construction', () => {
    expect(() => new GatewayClient({ url: 'ws://127.0.0.1:1', tlsFingerprint: served.fingerprint256 })).toThrow(InvalidOptionsError);
    expect(() => new GatewayClient({ url: 'ws://127.0.0.1:1', tlsFingerprint: served.fingerprint256 })).toThrow(/requires a wss:\/\/ url/);
    expect(() => new GatewayClient({ url: 'wss://127.0.0.1:1', tlsFingerprint: 'sha256:nope' })).toThrow(TypeError);
    expect(() => new GatewayClient({ tlsFingerprint: served.fingerprint256 })).toThrow(InvalidOptionsError);
  });
});
