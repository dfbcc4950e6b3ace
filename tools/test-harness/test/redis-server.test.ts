import { createServer } from 'node:net';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { tryConnect } from '../src/loopback';
import { processState } from '../src/process-state';
import { RedisServer } from '../src/redis-server';

const servers: RedisServer[] = [];
const clients: Array<{ destroy(): void }> = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server[Symbol.asyncDispose]();
});

async function start(options?: Parameters<typeof RedisServer.start>[0]): Promise<RedisServer> {
  const server = await RedisServer.start(options);
  servers.push(server);
  return server;
}

async function clientOf(server: RedisServer) {
  const client = createClient({ url: server.url, disableOfflineQueue: true, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}


describe('RedisServer', () => {
  it('starts a real redis-server on a free port that answers commands', async () => {
    const server = await start();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    const client = await clientOf(server);
    expect(await client.ping()).toBe('PONG');
    expect(await client.configGet('save')).toEqual({ save: '' });
    expect(await client.configGet('appendonly')).toEqual({ appendonly: 'no' });
  });

  it('stop() ends the process gracefully and the port refuses connections', async () => {
    const server = await start();
    await server.stop();
    expect(server.running).toBe(false);
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
  });

  it('restart() after kill() comes back empty on the same port', async () => {
    const server = await start();
    const before = await clientOf(server);
    await before.set('key', 'value');
    const oldPid = server.pid;
    await server.kill();
    expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
    await server.restart();
    expect(server.pid).not.toBe(oldPid);
    const after = await clientOf(server);
    expect(await after.get('key')).toBeNull();
  });

  it('pause() freezes the process until resume(); a command sent meanwhile is answered after', async () => {
    const server = await start();
    const client = await clientOf(server);
    await server.pause();
    expect(await processState(server.pid)).toBe('T');
    let answered = false;
    const ping = client.ping().then((reply) => {
      answered = true;
      return reply;
    });
    // A stopped process cannot answer: the kernel reports it stopped right now.
    expect(await processState(server.pid)).toBe('T');
    expect(answered).toBe(false);
    server.resume();
    expect(await ping).toBe('PONG');
  });

  it('start() on a taken port rejects with redis-server\'s own reason', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(RedisServer.start({ port })).rejects.toThrow(/Address already in use/);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('start() with a missing executable says how to install redis-server', async () => {
    await expect(RedisServer.start({ executable: 'redis-server-that-does-not-exist' })).rejects.toThrow(/system-deps/);
  });
});
