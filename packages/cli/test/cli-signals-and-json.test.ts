import { afterEach, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { closedPort } from './helpers/scripted-gateway';
import { runCli, spawnCli, tempHome } from './helpers/spawn-cli';
import { startSilentServer } from './helpers/stalled-servers';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function home(): Promise<{ GATEWIRE_HOME: string }> {
  const created = await tempHome();
  cleanups.push(created.cleanup);
  return { GATEWIRE_HOME: created.dir };
}

describe('the first SIGINT/SIGTERM ends a one-shot command (real binary)', () => {
  const cases = [
    { command: ['status'], signal: 'SIGINT', exitCode: 130 },
    { command: ['call', 'health'], signal: 'SIGTERM', exitCode: 143 },
    { command: ['doctor'], signal: 'SIGTERM', exitCode: 143 },
    { command: ['devices', 'list'], signal: 'SIGINT', exitCode: 130 },
    { command: ['token', 'reset'], signal: 'SIGINT', exitCode: 130 },
  ] as const;
  for (const { command, signal, exitCode } of cases) {
    it(`${command.join(' ')} stuck in an unanswered upgrade exits ${exitCode} on one ${signal}`, async () => {
      const peer = await startSilentServer();
      cleanups.push(peer.close);
      const run = spawnCli([...command, '--url', `ws://127.0.0.1:${peer.port}`, '--timeout', '60000', '--json'], await home());
      cleanups.push(async () => {
        if (run.child.exitCode === null) run.child.kill('SIGKILL');
        await run.done;
      });
      await peer.connected;
      run.child.kill(signal);
      const result = await run.done;
      expect(result.code).toBe(exitCode);
      expect(result.stderr).toContain(`interrupted by ${signal}`);
      expect(JSON.parse(result.stdout)).toEqual({ ok: false, error: { code: signal === 'SIGINT' ? 'INTERRUPTED' : 'TERMINATED', message: `interrupted by ${signal}`, exitCode } });
    });
  }
});

describe('--json failures print {"ok":false,"error":{…}} on stdout (real binary)', () => {
  it('an upgrade that is never answered: HANDSHAKE_TIMEOUT worded as such, exit 4', async () => {
    const peer = await startSilentServer();
    cleanups.push(peer.close);
    const result = await runCli(['status', '--url', `ws://127.0.0.1:${peer.port}`, '--timeout', '500', '--json'], await home());
    expect(result.code).toBe(ExitCodes.UNREACHABLE);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('HANDSHAKE_TIMEOUT');
    expect(error.message).toContain('the WebSocket upgrade got no answer in time');
    expect(error.message).not.toContain('accepted');
  });

  it('an unreachable gateway: the cause (ECONNREFUSED) as the code, exit 4', async () => {
    const result = await runCli(['status', '--url', `ws://127.0.0.1:${await closedPort()}`, '--json'], await home());
    expect(result.code).toBe(ExitCodes.UNREACHABLE);
    const parsed = JSON.parse(result.stdout) as { ok: boolean; error: { code: string; message: string; exitCode: number } };
    expect(parsed.ok).toBe(false);
    expect(parsed.error.code).toBe('ECONNREFUSED');
    expect(parsed.error.exitCode).toBe(ExitCodes.UNREACHABLE);
    expect(parsed.error.message).toMatch(/refused the connection \(ECONNREFUSED\)/);
  });

  it('a usage error: code USAGE, exit 2', async () => {
    const result = await runCli(['status', '--timeout', 'soon', '--json'], await home());
    expect(result.code).toBe(ExitCodes.USAGE);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE', exitCode: ExitCodes.USAGE } });
  });

  it('a config error: code CONFIG, exit 3', async () => {
    const result = await runCli(['status', '--config', '/nonexistent/config.yaml', '--json'], await home());
    expect(result.code).toBe(ExitCodes.CONFIG);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'CONFIG', exitCode: ExitCodes.CONFIG } });
  });
});

describe('exit codes follow the documented table (real binary)', () => {
  it('a TLS pin with a ws:// URL is a usage error (2), not a crash (1)', async () => {
    const result = await runCli(['status', '--url', 'ws://127.0.0.1:9', '--tls-fingerprint', `sha256:${'AB:'.repeat(31)}AB`], await home());
    expect(result.code).toBe(ExitCodes.USAGE);
    expect(result.stderr).toMatch(/tlsFingerprint requires a wss:\/\/ url/);
  });

  it('a missing --tls-cert file is a config error (3) that names the flag', async () => {
    const result = await runCli(['start', '--port', '0', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem'], await home());
    expect(result.code).toBe(ExitCodes.CONFIG);
    expect(result.stderr).toContain('cannot read --tls-cert /nonexistent/cert.pem: no such file (ENOENT)');
  });

  it('a missing --ca file is a config error (3)', async () => {
    const result = await runCli(['status', '--url', 'wss://127.0.0.1:9', '--ca', '/nonexistent/ca.pem'], await home());
    expect(result.code).toBe(ExitCodes.CONFIG);
    expect(result.stderr).toMatch(/cannot read the CA file given by --ca/);
  });

  it('no command at all prints the help and exits 2', async () => {
    const result = await runCli([], await home());
    expect(result.code).toBe(ExitCodes.USAGE);
    expect(result.stderr).toContain('Usage: gatewire');
  });
});
