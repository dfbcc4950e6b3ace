import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { BIN, runCli, startCli, tempHome } from './helpers/spawn-cli';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function gatewayWithHome(args: string[] = []) {
  const home = await tempHome();
  cleanups.push(home.cleanup);
  const gateway = await startCli(['--port', '0', '--log-level', 'warn', ...args], { GATEWIRE_HOME: home.dir });
  cleanups.push(gateway.stop);
  return { gateway, env: { GATEWIRE_HOME: home.dir } };
}

describe('gatewire monitor (real binary)', () => {
  it('prints connection counts and live events as JSON lines, and stops cleanly on SIGINT', async () => {
    const { gateway, env } = await gatewayWithHome(['--tick-interval', '1000']);
    const monitor = spawn(process.execPath, [BIN, 'monitor', '--url', gateway.url, '--json'], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => monitor.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (monitor.exitCode === null) monitor.kill('SIGKILL');
      await exited;
    });
    const lines: Array<Record<string, unknown>> = [];
    const sawTick = new Promise<void>((resolve) => {
      let buffer = '';
      monitor.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          lines.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
        }
        if (lines.some((line) => line['type'] === 'event' && line['event'] === 'tick')) resolve();
      });
    });
    await sawTick;
    monitor.kill('SIGINT');
    expect(await exited).toBe(0);
    const counts = lines.find((line) => line['type'] === 'connections') as { connections: { operator: number } } | undefined;
    expect(counts?.connections.operator).toBeGreaterThanOrEqual(1);
    const tick = lines.find((line) => line['event'] === 'tick') as { seq: number; payload: { ts: number } };
    expect(tick.seq).toBeGreaterThanOrEqual(1);
    expect(typeof tick.payload.ts).toBe('number');
  });
});

describe('gatewire monitor when it loses the gateway (real binary)', () => {
  const losses = [
    { how: 'the gateway stops (SIGTERM)', exitCode: ExitCodes.UNREACHABLE, closed: /connection closed 1012 \(service restart\) after shutdown "gateway stopping": the gateway is restarting or stopping/ },
    { how: 'the gateway crashes (SIGKILL)', exitCode: ExitCodes.UNREACHABLE, closed: /connection closed 1006: the gateway went away without closing/ },
    { how: 'the token is reset', exitCode: ExitCodes.AUTH, closed: /connection closed 4001 .*invalidated our credentials/ },
  ] as const;
  for (const { how, exitCode, closed } of losses) {
    it(`says why and exits ${exitCode} when ${how}`, async () => {
      const { gateway, env } = await gatewayWithHome();
      const monitor = spawn(process.execPath, [BIN, 'monitor', '--url', gateway.url], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      monitor.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => monitor.once('close', (code) => resolve(code)));
      cleanups.push(async () => {
        if (monitor.exitCode === null) monitor.kill('SIGKILL');
        await exited;
      });
      await new Promise<void>((resolve) => {
        monitor.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('connections ')) resolve();
        });
      });
      if (how === 'the gateway stops (SIGTERM)') await gateway.stop();
      else if (how === 'the gateway crashes (SIGKILL)') gateway.child.kill('SIGKILL');
      else expect((await runCli(['token', 'reset', '--url', gateway.url], env)).code).toBe(ExitCodes.OK);
      expect(await exited).toBe(exitCode);
      expect(stderr).toMatch(closed);
    }, 40_000);
  }
});

describe('gatewire devices and service (real binary)', () => {
  it('lists pairing state as JSON; approving an unknown request exits 6 with APPROVAL_NOT_FOUND', async () => {
    const { gateway, env } = await gatewayWithHome();
    const list = await runCli(['devices', 'list', '--url', gateway.url, '--json'], env);
    expect(list.code).toBe(ExitCodes.OK);
    const parsed = JSON.parse(list.stdout) as { pending: unknown[]; paired: Array<{ clientId?: string }> };
    expect(parsed.pending).toEqual([]);
    // The CLI's own device key was paired silently on loopback.
    expect(parsed.paired.some((device) => device.clientId === 'cli')).toBe(true);
    const approve = await runCli(['devices', 'approve', 'no-such-request', '--url', gateway.url], env);
    expect(approve.code).toBe(ExitCodes.REQUEST_FAILED);
    expect(approve.stderr).toMatch(/APPROVAL_NOT_FOUND/);
  });

  it('service install prints a systemd unit running `gatewire start` with the home and extra args', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    const result = await runCli(['service', 'install', '--systemd', '--', '--port', '18800'], { GATEWIRE_HOME: home.dir });
    expect(result.code).toBe(ExitCodes.OK);
    expect(result.stdout).toContain(`Environment=GATEWIRE_HOME=${home.dir}`);
    expect(result.stdout).toMatch(/ExecStart=\S+node\S* \S+bin\.js start --port 18800/);
    const conflicting = await runCli(['service', 'install', '--systemd', '--launchd'], { GATEWIRE_HOME: home.dir });
    expect(conflicting.code).toBe(ExitCodes.USAGE);
  });
});
