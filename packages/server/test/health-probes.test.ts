import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../src/index';
import { listen, track } from './helpers/host-server';

interface ProbeAnswer {
  status: number;
  body: unknown;
}

async function probe(port: number, path: string): Promise<ProbeAnswer> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  return { status: response.status, body: await response.json() };
}

describe('Kubernetes-style probes /healthz, /readyz, /startupz', () => {
  it('answer as liveness, readiness and startup probes through attach, listen and drain', async () => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const health = gateway.healthRoutes();
    const server = createServer((request, response) => {
      if (health(request, response)) return;
      response.writeHead(404).end();
    });
    const port = await listen(server);

    // Listening for HTTP, but the gateway is not attached yet: alive, not started, not ready.
    expect(await probe(port, '/healthz')).toMatchObject({ status: 200, body: { ok: true, status: 'live' } });
    expect(await probe(port, '/startupz')).toEqual({ status: 503, body: { ok: false, status: 'starting' } });
    expect(await probe(port, '/readyz')).toEqual({ status: 503, body: { ok: false, status: 'not-listening' } });

    gateway.attach(server, { path: '/ws' });
    expect(await probe(port, '/startupz')).toEqual({ status: 200, body: { ok: true, status: 'started' } });
    expect(await probe(port, '/readyz')).toEqual({ status: 200, body: { ok: true, status: 'ready' } });

    const closing = gateway.close();
    expect(await probe(port, '/readyz')).toEqual({ status: 503, body: { ok: false, status: 'draining' } });
    expect(await probe(port, '/startupz')).toEqual({ status: 200, body: { ok: true, status: 'started' } });
    await closing;
    expect(await probe(port, '/healthz')).toMatchObject({ status: 200, body: { ok: true, status: 'live' } });
  });

  it('answer HEAD without a body and leave other methods and paths to the host', async () => {
    const gateway = track(createGateway({ shutdownTimeoutMs: 200 }));
    const health = gateway.healthRoutes();
    const server = createServer((request, response) => {
      if (health(request, response)) return;
      response.writeHead(404).end();
    });
    gateway.attach(server, { path: '/ws' });
    const port = await listen(server);

    for (const path of ['/healthz', '/readyz', '/startupz']) {
      const head = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      expect((await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST' })).status).toBe(404);
    }
    expect((await fetch(`http://127.0.0.1:${port}/healthzz`)).status).toBe(404);
    expect((await probe(port, '/readyz?verbose=1')).status).toBe(200);
  });
});
