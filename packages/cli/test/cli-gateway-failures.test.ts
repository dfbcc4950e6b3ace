import { execFile } from 'node:child_process';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { makeCertificate } from './helpers/certificates';
import { runCli, startCli, tempHome, type RunResult, type StartedGateway } from './helpers/spawn-cli';
import { startPlainHttpServer } from './helpers/stalled-servers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function freshHome(): Promise<string> {
  const home = await tempHome();
  cleanups.push(home.cleanup);
  return home.dir;
}

async function gateway(home: string, args: string[] = []): Promise<StartedGateway> {
  const started = await startCli(['--port', '0', '--log-level', 'warn', ...args], { GATEWIRE_HOME: home });
  cleanups.push(started.stop);
  return started;
}

/** Run a line of the start banner through a shell, as a person would paste it. */
function runPrinted(line: string, cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', line], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

describe('an explicit wrong token is reported as wrong (real binary)', () => {
  it('even after the CLI device was paired: --token and GATEWIRE_TOKEN give AUTH_TOKEN_MISMATCH, exit 5', async () => {
    const home = await freshHome();
    const started = await gateway(home);
    const env = { GATEWIRE_HOME: home };
    // The first status pairs the CLI's device silently on loopback and stores its device token.
    expect((await runCli(['status', '--url', started.url], env)).code).toBe(ExitCodes.OK);
    const status = await runCli(['status', '--url', started.url, '--token', 'wrong-token-wrong-token'], env);
    expect(status.code).toBe(ExitCodes.AUTH);
    expect(status.stderr).toContain('the gateway refused the token (AUTH_TOKEN_MISMATCH)');
    const call = await runCli(['call', 'health', '--url', started.url, '--json'], { ...env, GATEWIRE_TOKEN: 'wrong-token-wrong-token' });
    expect(call.code).toBe(ExitCodes.AUTH);
    expect(JSON.parse(call.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_TOKEN_MISMATCH', exitCode: ExitCodes.AUTH } });
    const doctor = await runCli(['doctor', '--url', started.url, '--token', 'wrong-token-wrong-token'], env);
    expect(doctor.code).toBe(ExitCodes.AUTH);
  }, 60_000);
});

describe('transport failures name their cause, as doctor does (real binary)', () => {
  it('a self-signed gateway: the certificate error and the fingerprint to pin, which then works', async () => {
    const home = await freshHome();
    const certificate = await makeCertificate();
    await writeFile(join(home, 'cert.pem'), certificate.cert);
    await writeFile(join(home, 'key.pem'), certificate.key);
    const started = await gateway(home, ['--tls-cert', join(home, 'cert.pem'), '--tls-key', join(home, 'key.pem')]);
    const fingerprint = `sha256:${certificate.fingerprint256}`;
    const env = { GATEWIRE_HOME: home };
    const unpinned = await runCli(['status', '--url', started.url], env);
    expect(unpinned.code).toBe(ExitCodes.UNREACHABLE);
    expect(unpinned.stderr).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(unpinned.stderr).toContain(`--tls-fingerprint ${fingerprint}`);
    // The banner gives the same pin, in the same format, and its "Check it" line runs as printed.
    const check = started.stderr().split('\n').find((line) => line.includes('Check it:'));
    expect(check).toContain(`--tls-fingerprint ${fingerprint}`);
    const printed = await runPrinted((check ?? '').replace(/^\s*Check it:\s*/, ''), process.cwd());
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const plain = await runCli(['status', '--url', started.url.replace('wss:', 'ws:')], env);
    expect(plain.code).toBe(ExitCodes.UNREACHABLE);
    expect(plain.stderr).toMatch(/this port speaks TLS/);
    expect(plain.stderr).toContain(`--url ${started.url}`);
  }, 60_000);

  it('an HTTP server that answers the upgrade with 200', async () => {
    const peer = await startPlainHttpServer();
    cleanups.push(peer.close);
    const result = await runCli(['call', 'health', '--url', `ws://127.0.0.1:${peer.port}`], { GATEWIRE_HOME: await freshHome() });
    expect(result.code).toBe(ExitCodes.UNREACHABLE);
    expect(result.stderr).toContain('HTTP 200 instead of a WebSocket upgrade');
  });
});

describe('gatewire start: busy port, first token, next steps (real binary)', () => {
  it('a second start on a busy port says a gateway runs there (exit 3); the first token survives a failed first start', async () => {
    const home = await freshHome();
    const started = await gateway(home);
    const port = new URL(started.url).port;
    const otherHome = await freshHome();
    const second = await runCli(['start', '--port', port], { GATEWIRE_HOME: otherHome });
    expect(second.code).toBe(ExitCodes.CONFIG);
    expect(second.stderr).toContain(`a Gatewire gateway already runs on 127.0.0.1:${port} (EADDRINUSE)`);
    // The failed start wrote no token: the next start creates one and shows it.
    await expect(access(join(otherHome, 'token'))).rejects.toThrow(/ENOENT/);
    const third = await gateway(otherHome);
    expect(third.stderr()).toMatch(/New token \(shown once\): [0-9a-f]{64}/);
  }, 40_000);

  it('a port held by another program is named as such', async () => {
    const peer = await startPlainHttpServer();
    cleanups.push(peer.close);
    const result = await runCli(['start', '--port', String(peer.port)], { GATEWIRE_HOME: await freshHome() });
    expect(result.code).toBe(ExitCodes.CONFIG);
    expect(result.stderr).toContain(`127.0.0.1:${peer.port} is already in use by another program (EADDRINUSE)`);
  });

  it('after a non-default start, the printed next steps reach this gateway exactly as written', async () => {
    const home = await freshHome();
    const started = await gateway(home);
    const lines = started.stderr().split('\n');
    const check = lines.find((line) => line.includes('Check it:')) ?? '';
    expect(check).toContain(`status --url ${started.url}`);
    expect(check).toContain(`GATEWIRE_HOME=${home}`);
    expect(lines.some((line) => line.includes(`export GATEWIRE_TOKEN="$(cat ${join(home, 'token')})"`))).toBe(true);
    const printed = await runPrinted(check.replace(/^\s*Check it:\s*/, ''), process.cwd());
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`Gateway ${started.url}: ok`);
  });
});
