import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePort, listenOnLoopback, tryConnect } from '../src/loopback';

describe('loopback helpers', () => {
  it('listenOnLoopback() resolves the port the OS picked; tryConnect() reaches it', async () => {
    const server = createServer((socket) => socket.destroy());
    const port = await listenOnLoopback(server);
    expect(port).toBeGreaterThan(0);
    expect(server.address()).toMatchObject({ address: '127.0.0.1', port });
    expect(await tryConnect(port)).toBe('connected');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('findFreePort() returns a port nothing listens on', async () => {
    const port = await findFreePort();
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });
});
