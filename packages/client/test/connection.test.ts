import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { Connection, type ConnectionCallbacks, type ConnectionEnd } from '../src/connection';
import { GatewayClient } from '../src/index';
import type { ConnectRequest } from '../src/handshake';
import { createNodeTransport } from '../src/transport/node-websocket';
import { onCleanup, track } from './helpers/cleanup';

const helloOk = JSON.parse(readFileSync(new URL('./fixtures/hello-ok.operator-token.json', import.meta.url), 'utf8')) as unknown;

/** A `ws` server on port 0 that sends a challenge on open, answers `connect` with hello-ok and reports the raw `connect` text. */
async function gateway(): Promise<{ url: string; connectTexts: string[] }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  onCleanup(() => new Promise((resolve) => server.close(resolve)));
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const connectTexts: string[] = [];
  server.on('connection', (socket: WebSocket) => {
    onCleanup(async () => socket.terminate());
    socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'nonce-1', ts: 1_700_000_000_000 } }));
    socket.on('message', (data) => {
      const text = data.toString();
      connectTexts.push(text);
      const { id } = JSON.parse(text) as { id: string };
      socket.send(JSON.stringify({ type: 'res', id, ok: true, payload: helloOk }));
    });
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, connectTexts };
}

const request: ConnectRequest = {
  params: { minProtocol: 4, maxProtocol: 4, client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'backend' }, role: 'operator' },
  usedStoredToken: false,
  storedTokenAvailable: false,
};

/** Open one connection whose `prepareConnect` is `prepare`; resolves on hello-ok or on the end. */
function open(url: string, prepare: ConnectionCallbacks['prepareConnect']): Promise<{ hello: boolean; end?: ConnectionEnd }> {
  return new Promise((resolve) => {
    let connection: Connection | undefined = undefined;
    connection = new Connection(
      { url, transport: createNodeTransport(), connectTimeoutMs: 5000, connectRequestId: '1' },
      {
        onOpen: () => undefined,
        prepareConnect: prepare,
        onHello: () => {
          resolve({ hello: true });
          connection?.close(1000, 'done');
        },
        onResponse: () => undefined,
        events: { receive: () => undefined },
        onBadFrame: () => undefined,
        onEnd: (end) => resolve({ hello: false, end }),
      },
    );
  });
}

describe('Connection: the connect request', () => {
  it('sends connect from params built at once, or once a promise of them resolves', async () => {
    const { url, connectTexts } = await gateway();
    expect(await open(url, () => request)).toEqual({ hello: true });
    expect(await open(url, () => Promise.resolve(request))).toEqual({ hello: true });
    const expected = `{"type":"req","id":"1","method":"connect","params":${JSON.stringify(request.params)}}`;
    expect(connectTexts).toEqual([expected, expected]);
  });

  it('fails the handshake (1008, HANDSHAKE_FAILED) when building the params throws or rejects', async () => {
    const { url, connectTexts } = await gateway();
    for (const prepare of [
      () => {
        throw new Error('no key');
      },
      () => Promise.reject(new Error('no key')),
    ]) {
      const { hello, end } = await open(url, prepare);
      expect(hello).toBe(false);
      expect(end?.code).toBe(1008);
      expect(end?.error).toMatchObject({ code: 'HANDSHAKE_FAILED', message: 'could not build connect params: Error: no key' });
    }
    expect(connectTexts).toEqual([]);
  });
});

describe('GatewayClient: the connect frame', () => {
  it('is the same text as before: fields in order, unset ones left out', async () => {
    const { url, connectTexts } = await gateway();
    const plain = track(new GatewayClient({ url, auth: { token: 'secret' }, reconnect: false, client: { platform: 'linux', version: '1.2.3' } }));
    await plain.connect();
    const full = track(
      new GatewayClient({
        url,
        auth: { password: 'pw', bootstrapToken: 'boot', token: 'secret', deviceToken: 'dev' },
        scopes: ['operator.read'],
        caps: ['tool-events'],
        reconnect: false,
        client: { platform: 'linux', version: '1.2.3', instanceId: 'i-1', deviceFamily: 'tablet', displayName: 'Kitchen' },
      }),
    );
    await full.connect();
    expect(connectTexts).toEqual([
      '{"type":"req","id":"1","method":"connect","params":{"minProtocol":4,"maxProtocol":4,"client":{"id":"gateway-client","version":"1.2.3","platform":"linux","mode":"backend"},"role":"operator","scopes":["operator.admin"],"caps":[],"auth":{"token":"secret"}}}',
      '{"type":"req","id":"1","method":"connect","params":{"minProtocol":4,"maxProtocol":4,"client":{"id":"gateway-client","version":"1.2.3","platform":"linux","mode":"backend","displayName":"Kitchen","deviceFamily":"tablet","instanceId":"i-1"},"role":"operator","scopes":["operator.read"],"caps":["tool-events"],"auth":{"token":"secret","deviceToken":"dev","bootstrapToken":"boot","password":"pw"}}}',
    ]);
  });
});
