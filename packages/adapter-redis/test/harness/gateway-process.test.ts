import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort, tryConnect } from '@gatewire/test-harness';
import { GatewayProcess, parseReadyLine } from './gateway-process';

const script = fileURLToPath(new URL('../fixtures/redis-gateway.mjs', import.meta.url));
const running: GatewayProcess[] = [];

afterEach(async () => {
  for (const gateway of running.splice(0)) await gateway.kill();
});

/** A gateway process without Redis; `gateway` are its startGateway options. */
async function start(gateway?: Record<string, unknown>): Promise<GatewayProcess> {
  const started = await GatewayProcess.start({ script, ...(gateway === undefined ? {} : { options: { gateway } }) });
  running.push(started);
  return started;
}


describe('GatewayProcess', () => {
  it('starts a gateway in a child process and reports its port once it listens', async () => {
    const gateway = await start();
    expect(gateway.pid).not.toBe(process.pid);
    expect(gateway.ready.pid).toBe(gateway.pid);
    const response = await fetch(`http://127.0.0.1:${gateway.port}/health`);
    expect(response.status).toBe(200);
  });

  it('kill() is a real SIGKILL: the process ends by the signal and its port is closed', async () => {
    const gateway = await start();
    const exit = await gateway.kill();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(gateway.running).toBe(false);
    expect(await tryConnect(gateway.port)).toBe('ECONNREFUSED');
  });

  it('terminate() sends SIGTERM and the script closes its gateway and exits 0', async () => {
    const gateway = await start();
    expect(await gateway.terminate()).toEqual({ code: 0, signal: null });
    expect(await tryConnect(gateway.port)).toBe('ECONNREFUSED');
  });

  it('passes its options to the script', async () => {
    const port = await findFreePort();
    const gateway = await start({ port });
    expect(gateway.port).toBe(port);
  });

  it('rejects with the script\'s output when it dies before its ready line', async () => {
    await expect(start({ port: 70_000 })).rejects.toThrow(/before printing the expected line[\s\S]*port must be 0\.\.65535/);
  });

  it('parses only ready lines, and refuses one without a port', () => {
    expect(parseReadyLine('listening')).toBeUndefined();
    expect(parseReadyLine('gatewire-test-ready {"port":1234,"id":"a"}')).toEqual({ port: 1234, id: 'a' });
    expect(() => parseReadyLine('gatewire-test-ready {"id":"a"}')).toThrow(/numeric port/);
  });
});
