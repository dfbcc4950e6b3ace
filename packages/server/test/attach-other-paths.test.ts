import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createGateway, type OtherPathsPolicy } from '../src/index';
import { connectParams, handshake, onCleanup } from './helpers/fixtures';
import { listen, track } from './helpers/host-server';
import { RawClient } from '@gatewire/test-harness';

/** The HTTP status that answers a WebSocket upgrade on `path` (101 when it is accepted). */
function upgradeStatus(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
    socket.once('open', () => {
      socket.terminate();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', reject);
  });
}

/** A host `upgrade` listener that answers 404 to every path but the gateway's (as a router would). */
function answerOtherPathsWith404(server: Server, gatewayPath: string): void {
  server.on('upgrade', (request, socket) => {
    if (request.url?.split('?')[0] !== gatewayPath) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

describe('attach: upgrades on paths the gateway does not serve', () => {
  it('answers them with 400 when nothing else listens for upgrades (a client would wait for ever otherwise)', async () => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const server = createServer();
    gateway.attach(server, { path: '/ws' });
    const port = await listen(server);
    const answer = await upgradeStatus(port, '/');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: 'no WebSocket endpoint on this path', type: 'unknown_path' } });
    expect((await upgradeStatus(port, '/ws/extra?x=1')).status).toBe(400);
    expect((await upgradeStatus(port, '/ws?token=query-is-ignored')).status).toBe(101);
  });

  it.each(['auto', 'leave'] as const)('with otherPaths %s, leaves them to the host upgrade listener', async (otherPaths: OtherPathsPolicy) => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const server = createServer();
    gateway.attach(server, { path: '/ws', otherPaths });
    answerOtherPathsWith404(server, '/ws');
    const port = await listen(server);
    expect((await upgradeStatus(port, '/elsewhere')).status).toBe(404);
    expect((await upgradeStatus(port, '/ws')).status).toBe(101);
  });

  it('with otherPaths "reject", answers them with 400 even when the host listens for upgrades', async () => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const server = createServer();
    const seenByHost: string[] = [];
    server.on('upgrade', (request) => seenByHost.push(request.url ?? ''));
    gateway.attach(server, { path: '/ws', otherPaths: 'reject' });
    const port = await listen(server);
    expect((await upgradeStatus(port, '/elsewhere')).status).toBe(400);
    expect(seenByHost).toEqual(['/elsewhere']);
  });

  it('with two gateways on one server, each serves its path and one of them answers the rest', async () => {
    const first = track(createGateway({ shutdownTimeoutMs: 200 }));
    const second = track(createGateway({ shutdownTimeoutMs: 200 }));
    const server = createServer();
    first.attach(server, { path: '/a' });
    const attachment = second.attach(server, { path: '/b' });
    const port = await listen(server);
    const client = await RawClient.open(`ws://127.0.0.1:${port}/b`);
    onCleanup(() => client.close());
    expect((await handshake(client, connectParams())).response).toMatchObject({ ok: true });
    expect((await second.status()).connections.total).toBe(1);
    expect((await first.status()).connections.total).toBe(0);
    expect((await upgradeStatus(port, '/c')).status).toBe(400);
    attachment.detach();
    expect((await upgradeStatus(port, '/b')).status).toBe(400);
    expect((await upgradeStatus(port, '/a')).status).toBe(101);
  });
});
