import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '@gatewire/test-harness';
import { RoundRobinBalancer } from './round-robin-balancer';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP server that greets every connection with its name and echoes what it receives. */
async function namedServer(name: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.write(`${name}\n`);
    socket.pipe(socket);
  });
  const port = await listenOnLoopback(server);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return stopped;
  };
  cleanups.push(stop);
  return { port, stop };
}

/** Connect through the balancer and resolve with the first line (the target's name). */
function greeting(port: number): Promise<{ name: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    cleanups.push(async () => void socket.destroy());
    let received = '';
    socket.on('data', function onData(chunk: Buffer) {
      received += chunk.toString();
      const end = received.indexOf('\n');
      if (end < 0) return;
      socket.off('data', onData);
      resolve({ name: received.slice(0, end), socket });
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed before a greeting (got "${received}")`)));
  });
}

async function balancerTo(ports: readonly number[]): Promise<RoundRobinBalancer> {
  const balancer = await RoundRobinBalancer.start(ports);
  cleanups.push(() => balancer.close());
  return balancer;
}

describe('RoundRobinBalancer', () => {
  it('hands out connections in turn, with no stickiness', async () => {
    const a = await namedServer('a');
    const b = await namedServer('b');
    const c = await namedServer('c');
    const balancer = await balancerTo([a.port, b.port, c.port]);
    const names: string[] = [];
    for (let i = 0; i < 6; i++) names.push((await greeting(balancer.port)).name);
    expect(names).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(balancer.forwarded.get(a.port)).toBe(2);
  });

  it('forwards bytes both ways unchanged', async () => {
    const a = await namedServer('a');
    const balancer = await balancerTo([a.port]);
    const { socket } = await greeting(balancer.port);
    const payload = Buffer.alloc(256 * 1024, 7);
    const echoed = new Promise<number>((resolve) => {
      let total = 0;
      socket.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total >= payload.length) resolve(total);
      });
    });
    socket.write(payload);
    expect(await echoed).toBe(payload.length);
  });

  it('skips a target that refuses connections (a dead gateway)', async () => {
    const a = await namedServer('a');
    const dead = await namedServer('dead');
    await dead.stop();
    const balancer = await balancerTo([dead.port, a.port]);
    expect((await greeting(balancer.port)).name).toBe('a');
    expect((await greeting(balancer.port)).name).toBe('a');
  });

  it('resets the client when every target refuses', async () => {
    const dead = await namedServer('dead');
    await dead.stop();
    const balancer = await balancerTo([dead.port]);
    await expect(greeting(balancer.port)).rejects.toThrow(/ECONNRESET|closed before a greeting/);
  });

  it('closes the client side when the target dies, and follows setTargets()', async () => {
    const a = await namedServer('a');
    const b = await namedServer('b');
    const balancer = await balancerTo([a.port]);
    const { socket } = await greeting(balancer.port);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await a.stop();
    await closed;
    balancer.setTargets([b.port]);
    expect((await greeting(balancer.port)).name).toBe('b');
  });
});
