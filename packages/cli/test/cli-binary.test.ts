import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { runCli, startCli, tempHome, type StartedGateway } from './helpers/spawn-cli';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function freshGateway(extraArgs: string[] = []): Promise<{ gateway: StartedGateway; home: string }> {
  const home = await tempHome();
  cleanups.push(home.cleanup);
  const gateway = await startCli(['--port', '0', '--log-level', 'warn', ...extraArgs], { GATEWIRE_HOME: home.dir });
  cleanups.push(gateway.stop);
  return { gateway, home: home.dir };
}

describe('gatewire start (real binary)', () => {
  it('starts on loopback with a generated 0600 token printed once, and status/call/doctor work against it', async () => {
    const { gateway, home } = await freshGateway();
    expect(gateway.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const token = (await readFile(join(home, 'token'), 'utf8')).trim();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(home, 'token'))).mode & 0o777).toBe(0o600);
    expect(gateway.stderr()).toContain(`New token (shown once): ${token}`);

    const env = { GATEWIRE_HOME: home };
    const status = await runCli(['status', '--url', gateway.url, '--json'], env);
    expect(status.code).toBe(ExitCodes.OK);
    const parsed = JSON.parse(status.stdout) as { status: string; details: { uptimeMs: number }; connections: { operator: number } };
    expect(parsed.status).toBe('ok');
    expect(parsed.connections.operator).toBe(1);
    expect(parsed.details.uptimeMs).toBeGreaterThanOrEqual(0);

    const health = await runCli(['call', 'health', '--url', gateway.url, '--raw'], env);
    expect(health.code).toBe(ExitCodes.OK);
    expect(JSON.parse(health.stdout)).toMatchObject({ ok: true });

    const doctor = await runCli(['doctor', '--url', gateway.url, '--json'], env);
    expect(doctor.code).toBe(ExitCodes.OK);
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: Array<{ id: string; status: string }> };
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.status)).toEqual(['pass', 'skip', 'pass', 'pass', 'pass', 'pass', 'pass']);

    const unknown = await runCli(['call', 'no.such.method', '--url', gateway.url], env);
    expect(unknown.code).toBe(ExitCodes.REQUEST_FAILED);
    expect(unknown.stderr).toMatch(/INVALID_REQUEST: unknown method: no.such.method/);

    // A second start reuses the token and does not print it again.
    expect(await gateway.stop()).toBe(0);
    expect(gateway.stderr()).toContain('Gateway stopped.');
    const again = await startCli(['--port', '0', '--log-level', 'warn'], env);
    cleanups.push(again.stop);
    expect(again.stderr()).not.toContain(token);
    expect(again.stderr()).toContain('Token: in ');
  }, 60_000);

  it('doctor reports a wrong token with the remedy and exits 5 (auth refused)', async () => {
    const { gateway, home } = await freshGateway();
    const result = await runCli(['doctor', '--url', gateway.url, '--token', 'wrong-token-wrong-token'], { GATEWIRE_HOME: home });
    expect(result.code).toBe(ExitCodes.AUTH);
    expect(result.stdout).toMatch(/✗ Authentication: unauthorized: gateway token mismatch.*\[AUTH_TOKEN_MISMATCH\]/);
    expect(result.stdout).toMatch(/→ The token is wrong or was reset/);
  });

  it('token reset rotates the running gateway: old token refused, new token accepted', async () => {
    const { gateway, home } = await freshGateway();
    const env = { GATEWIRE_HOME: home };
    const old = (await readFile(join(home, 'token'), 'utf8')).trim();
    const reset = await runCli(['token', 'reset', '--url', gateway.url, '--json'], env);
    expect(reset.code).toBe(ExitCodes.OK);
    const { token: fresh, appliedToRunningGateway } = JSON.parse(reset.stdout) as { token: string; appliedToRunningGateway: boolean };
    expect(appliedToRunningGateway).toBe(true);
    expect(fresh).not.toBe(old);
    expect((await readFile(join(home, 'token'), 'utf8')).trim()).toBe(fresh);
    const withOld = await runCli(['doctor', '--url', gateway.url, '--token', old, '--json'], env);
    expect(JSON.parse(withOld.stdout).checks.find((check: { id: string }) => check.id === 'auth').status).toBe('fail');
    const withNew = await runCli(['doctor', '--url', gateway.url, '--token', fresh], env);
    expect(withNew.code).toBe(ExitCodes.OK);
  });

  it('restart closes sessions 1012 and listens again on the same URL', async () => {
    const { gateway, home } = await freshGateway();
    const restart = await runCli(['restart', '--url', gateway.url], { GATEWIRE_HOME: home });
    expect(restart.code).toBe(ExitCodes.OK);
    await gateway.waitForNotice(/Gateway restarted on /);
    expect(gateway.stderr()).toContain(`Gateway restarted on ${gateway.url}`);
    const health = await runCli(['call', 'health', '--url', gateway.url, '--raw'], { GATEWIRE_HOME: home });
    expect(health.code).toBe(ExitCodes.OK);
  });

  it('SIGHUP reloads the config file: a newly allowed origin applies without a restart', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    await writeFile(join(home.dir, 'config.yaml'), 'port: 0\nlog:\n  level: warn\n');
    const gateway = await startCli([], { GATEWIRE_HOME: home.dir });
    cleanups.push(gateway.stop);
    await writeFile(join(home.dir, 'config.yaml'), 'port: 0\nallowedOrigins: ["https://app.example"]\nlog:\n  level: warn\n');
    gateway.child.kill('SIGHUP');
    expect(await gateway.waitForNotice(/Configuration reloaded/)).toContain('Configuration reloaded');
  });

  it('refuses --bind all with --auth none (exit 3), and a bad config names the field', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    const refused = await runCli(['start', '--port', '0', '--bind', 'all', '--auth', 'none'], { GATEWIRE_HOME: home.dir });
    expect(refused.code).toBe(ExitCodes.CONFIG);
    expect(refused.stderr).toMatch(/refusing to listen on "all" with auth "none"/);
    await writeFile(join(home.dir, 'config.yaml'), 'port: 0\nlimits:\n  maxConnections: -1\n');
    const bad = await runCli(['start'], { GATEWIRE_HOME: home.dir });
    expect(bad.code).toBe(ExitCodes.CONFIG);
    expect(bad.stderr).toMatch(/invalid config file .*config\.yaml: at \/limits\/maxConnections: /);
  });

  it('usage errors exit 2, --help exits 0', async () => {
    expect((await runCli(['frobnicate'], {})).code).toBe(ExitCodes.USAGE);
    expect((await runCli(['status', '--timeout', 'soon'], {})).code).toBe(ExitCodes.USAGE);
    const help = await runCli(['--help'], {});
    expect(help.code).toBe(ExitCodes.OK);
    for (const command of ['start', 'status', 'monitor', 'call', 'devices', 'nodes', 'token', 'restart', 'doctor', 'service']) expect(help.stdout).toContain(command);
  });

  it('status against nothing exits 4 (unreachable) and names the cause as doctor does', async () => {
    const home = await tempHome();
    cleanups.push(home.cleanup);
    const result = await runCli(['status', '--url', 'ws://127.0.0.1:9', '--timeout', '2000'], { GATEWIRE_HOME: home.dir });
    expect(result.code).toBe(ExitCodes.UNREACHABLE);
    expect(result.stderr).toMatch(/127\.0\.0\.1:9 refused the connection \(ECONNREFUSED\)/);
  });
});
