import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { tryConnect } from '../src/loopback';
import { serveOnLoopback, type AttachableGateway, type TestRoute } from '../src/loopback-gateway';

/** A stand-in gateway: `/healthz` answers 200; it counts attach and close calls. */
function stubGateway(): AttachableGateway & { attached: Server[]; closes: number } {
  const stub = {
    attached: [] as Server[],
    closes: 0,
    attach(server: Server) {
      stub.attached.push(server);
    },
    healthRoutes: (): TestRoute => (request, response) => {
      if (request.url !== '/healthz') return false;
      response.writeHead(200);
      response.end('healthy');
      return true;
    },
    async close() {
      stub.closes += 1;
    },
  };
  return stub;
}

describe('serveOnLoopback', () => {
  it('mounts the gateway on 127.0.0.1 port 0: the route first, then the health routes, 404 otherwise; close() once, idempotent', async () => {
    const gateway = stubGateway();
    const served = await serveOnLoopback(gateway, (request, response) => {
      if (request.url !== '/metrics') return false;
      response.writeHead(200);
      response.end('metrics');
      return true;
    });
    expect(gateway.attached).toEqual([served.server]);
    expect(served.server.address()).toMatchObject({ address: '127.0.0.1', port: served.port });
    expect(served.url).toBe(`ws://127.0.0.1:${served.port}/`);
    const get = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${served.port}${path}`);
      return [response.status, await response.text()];
    };
    expect(await get('/metrics')).toEqual([200, 'metrics']);
    expect(await get('/healthz')).toEqual([200, 'healthy']);
    expect((await get('/other'))[0]).toBe(404);

    await Promise.all([served.close(), served.close()]);
    expect(gateway.closes).toBe(1);
    expect(served.server.listening).toBe(false);
    expect(await tryConnect(served.port)).toBe('ECONNREFUSED');
  });
});
