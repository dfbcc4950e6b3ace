import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { FileDeviceStore, FileNodePairingStore, standaloneDefaults, startGateway, type StandaloneGateway, type StartGatewayOptions } from '../src/index';
import { createTestDevice, signConnect, RawClient, type RawClientOptions } from '@gatewire/test-harness';
import { connectParams, handshake, onCleanup } from './helpers/fixtures';

async function start(options: StartGatewayOptions): Promise<StandaloneGateway> {
  const running = await startGateway({ port: 0, shutdownTimeoutMs: 200, ...options });
  onCleanup(() => running.close());
  return running;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gatewire-server-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function openHello(url: string, options?: RawClientOptions): Promise<Record<string, unknown>> {
  const client = await RawClient.open(url, options);
  onCleanup(() => client.close());
  const { response } = await handshake(client, connectParams());
  expect(response.ok).toBe(true);
  return response['payload'] as Record<string, unknown>;
}

describe('startGateway', () => {
  it('listens on loopback and serves /health, /ready and a 404', async () => {
    const running = await start({});
    expect(running.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const port = (running.address() as { port: number }).port;
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    const missing = await fetch(`http://127.0.0.1:${port}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    await openHello(running.url);
  });

  it('closes gracefully and stops listening', async () => {
    const running = await startGateway({ port: 0, shutdownTimeoutMs: 200 });
    const client = await RawClient.open(running.url);
    await client.nextEvent('connect.challenge');
    await running[Symbol.asyncDispose]();
    expect((await client.closed).code).toBe(1012);
    expect(running.server.listening).toBe(false);
  });

  it('listens on a Unix socket', async () => {
    const dir = await tempDir();
    const running = await start({ socketPath: join(dir, 'gw.sock') });
    expect(running.url).toBe(`ws+unix://${join(dir, 'gw.sock')}:/`);
    await openHello(running.url);
  });

  it('keeps paired devices in a JSON file written with mode 0600', async () => {
    const dir = await tempDir();
    const path = join(dir, 'state', 'devices.json');
    const running = await start({ deviceStorePath: path, auth: { mode: 'token', token: 't' } });
    const device = await createTestDevice();
    const client = await RawClient.open(running.url);
    onCleanup(() => client.close());
    const { response } = await handshake(client, (challenge) => signConnect(connectParams({ auth: { token: 't' } }), device, challenge));
    expect(response.ok).toBe(true);
    const contents = JSON.parse(await readFile(path, 'utf8')) as { devices: Array<{ deviceId: string; tokens: Record<string, { tokenHash: string }> }> };
    expect(contents.devices[0]?.deviceId).toBe(device.deviceId);
    const token = (response['payload'] as { auth: { deviceToken: string } }).auth.deviceToken;
    expect(JSON.stringify(contents)).not.toContain(token);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const reopened = new FileDeviceStore(path);
    expect((await reopened.get(device.deviceId))?.roles).toEqual(['operator']);
  });

  it('keeps node approvals in a JSON file written with mode 0600', async () => {
    const dir = await tempDir();
    const path = join(dir, 'state', 'nodes.json');
    const running = await start({ nodeStorePath: path, auth: { mode: 'token', token: 't' } });
    const device = await createTestDevice();
    const node = await RawClient.open(running.url);
    onCleanup(() => node.close());
    const nodeParams = connectParams({ role: 'node', scopes: [], commands: ['echo'], auth: { token: 't' }, client: { id: 'node-host', version: '1', platform: 'linux', mode: 'node' } });
    expect((await handshake(node, (challenge) => signConnect(nodeParams, device, challenge))).response.ok).toBe(true);
    const operator = await RawClient.open(running.url);
    onCleanup(() => operator.close());
    expect((await handshake(operator, connectParams({ auth: { token: 't' } }))).response.ok).toBe(true);
    const { pending } = (await operator.request('node.pair.list'))['payload'] as { pending: Array<{ requestId: string }> };
    expect(await operator.request('node.pair.approve', { requestId: pending[0]?.requestId })).toMatchObject({ ok: true });

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const reopened = new FileNodePairingStore(path);
    expect(await reopened.getNode(device.deviceId)).toMatchObject({ nodeId: device.deviceId, commands: ['echo'] });
    expect(await reopened.listRequests()).toEqual([]);
  });

  it('binds all interfaces on request and warns when that comes without auth', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (_obj: object, msg?: string) => warnings.push(msg ?? '') };
    const running = await start({ bind: 'all', logger });
    const port = (running.address() as { port: number }).port;
    expect(running.url).toBe(`ws://0.0.0.0:${port}/`);
    expect(warnings).toEqual(['gateway listens on all interfaces without authentication']);
    await openHello(`ws://127.0.0.1:${port}/`);
  });

  it('rejects when the port is taken, leaving nothing running', async () => {
    const first = await start({});
    const port = (first.address() as { port: number }).port;
    await expect(startGateway({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('rejects invalid listener options', async () => {
    await expect(startGateway({ port: 70000 })).rejects.toThrow(TypeError);
    await expect(startGateway({ port: 0, deviceStorePath: '/tmp/x.json', deviceStore: new FileDeviceStore('/tmp/y.json') })).rejects.toThrow(TypeError);
    await expect(startGateway({ port: 0, nodeStorePath: '/tmp/x.json', nodePairing: { store: new FileNodePairingStore('/tmp/y.json') } })).rejects.toThrow(
      'startGateway: give either nodePairing.store or nodeStorePath, not both',
    );
  });
});

describe('slowloris bound (headersTimeoutMs)', () => {
  it('gives the HTTP server a 10 s headers timeout by default (Node: 60 s)', async () => {
    const running = await start({});
    expect(standaloneDefaults.headersTimeoutMs).toBe(10_000);
    expect(running.server.headersTimeout).toBe(10_000);
    expect(running.server.requestTimeout).toBe(300_000);
  });

  it('answers 408 and closes an upgrade whose headers trickle in past headersTimeoutMs; others are served meanwhile', async () => {
    const running = await start({ headersTimeoutMs: 300 });
    const port = (running.address() as { port: number }).port;
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', () => undefined); // the trickle may write after the server cut the socket (EPIPE)
    await once(socket, 'connect');
    const started = performance.now();
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 50);
    onCleanup(async () => clearInterval(trickle));
    const answer: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => answer.push(chunk));
    const closed = once(socket, 'close');
    expect(await openHello(running.url)).toMatchObject({ type: 'hello-ok' });
    await closed;
    clearInterval(trickle);
    expect(Buffer.concat(answer).toString('latin1')).toMatch(/^HTTP\/1\.1 408 /);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('rejects a headersTimeoutMs that is not a positive integer', async () => {
    for (const headersTimeoutMs of [0, -1, 1.5, Number.NaN]) {
      await expect(startGateway({ port: 0, headersTimeoutMs })).rejects.toThrow(/headersTimeoutMs must be a positive integer/);
    }
  });
});

describe('TLS', () => {
  async function certificate(): Promise<{ cert: string; key: string }> {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
    });
    return { cert: pems.cert, key: pems.private };
  }

  it('serves wss:// from PEM contents and /health over https', async () => {
    const { cert, key } = await certificate();
    const running = await start({ tls: { cert: Buffer.from(cert), key: Buffer.from(key) } });
    expect(running.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/$/);
    const hello = await openHello(running.url, { ca: cert });
    expect(hello['type']).toBe('hello-ok');
    const port = (running.address() as { port: number }).port;
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const request = httpsRequest({ host: '127.0.0.1', port, path: '/health', ca: cert }, (response) => {
        response.resume();
        resolve({ status: response.statusCode, nosniff: response.headers['x-content-type-options'] });
      });
      request.on('error', reject);
      request.end();
    });
    expect(headers).toEqual({ status: 200, nosniff: 'nosniff' });
  });

  it('reads the certificate and key from PEM files', async () => {
    const { cert, key } = await certificate();
    const dir = await tempDir();
    await writeFile(join(dir, 'cert.pem'), cert);
    await writeFile(join(dir, 'key.pem'), key, { mode: 0o600 });
    const running = await start({ tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } });
    await openHello(running.url, { ca: cert });
    await expect(RawClient.open(running.url)).rejects.toThrow(/self-signed|certificate/i);
  });
});
