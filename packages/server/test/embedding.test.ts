import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createGateway } from '../src/index';
import { connectParams, handshake, onCleanup } from './helpers/fixtures';
import { listen, track } from './helpers/host-server';
import { RawClient } from '@gatewire/test-harness';

async function expectHello(url: string): Promise<void> {
  const client = await RawClient.open(url);
  onCleanup(() => client.close());
  const { response } = await handshake(client, connectParams());
  expect(response).toMatchObject({ ok: true, payload: { type: 'hello-ok' } });
}

describe('embedding', () => {
  it('mounts on a host http.Server that also serves ordinary routes and other upgrade paths', async () => {
    const listening: string[] = [];
    const gateway = track(createGateway({ shutdownTimeoutMs: 200, listeners: { listening: (event) => listening.push(event.url) } }));
    const health = gateway.healthRoutes();
    const server = createServer((request, response) => {
      if (health(request, response)) return;
      if (request.url === '/hello') {
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end('hello from the host');
        return;
      }
      response.writeHead(404);
      response.end();
    });
    const other = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      if (request.url === '/chat') other.handleUpgrade(request, socket, head, (ws) => ws.send('host chat'));
    });
    const attachment = gateway.attach(server, { path: '/gateway' });
    const port = await listen(server);
    expect(gateway.url).toBe(`ws://127.0.0.1:${port}/gateway`);
    expect(listening).toEqual([`ws://127.0.0.1:${port}/gateway`]);

    const page = await fetch(`http://127.0.0.1:${port}/hello`);
    expect(await page.text()).toBe('hello from the host');
    await expectHello(`ws://127.0.0.1:${port}/gateway`);

    const chat = await RawClient.open(`ws://127.0.0.1:${port}/chat`).catch((error: unknown) => error);
    expect(chat).toBeInstanceOf(RawClient);
    const chatClient = chat as RawClient;
    onCleanup(() => chatClient.close());
    expect(await chatClient.next()).toEqual({ type: 'text', text: 'host chat' });

    const healthResponse = await fetch(`http://127.0.0.1:${port}/health`);
    expect(healthResponse.status).toBe(200);
    expect(healthResponse.headers.get('x-content-type-options')).toBe('nosniff');
    expect(healthResponse.headers.get('x-frame-options')).toBe('DENY');
    expect(healthResponse.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(await healthResponse.json()).toMatchObject({ ok: true, status: 'live' });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(await ready.json()).toEqual({ ok: true, status: 'ready' });

    attachment.detach();
    expect(server.listenerCount('upgrade')).toBe(1);
  });

  it('accepts sockets from a WebSocketServer the host created', async () => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/ws' });
    onCleanup(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const detach = gateway.attachWebSocketServer(wss);
    const port = await listen(server);
    await expectHello(`ws://127.0.0.1:${port}/ws`);
    detach();
    expect(wss.listenerCount('connection')).toBe(0);
  });

  it('handles upgrades routed by the host with handleUpgrade', async () => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const server = createServer();
    server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
    const port = await listen(server);
    await expectHello(`ws://127.0.0.1:${port}/anything`);
  });
});
