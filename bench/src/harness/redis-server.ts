import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** How long a starting redis-server may take to accept connections. */
const READY_TIMEOUT_MS = 10_000;
const READY_LINE = 'Ready to accept connections';

/** A redis-server child of the bench: 127.0.0.1, a free port, no persistence. */
export interface BenchRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Start `redis-server` on a free port, or resolve `undefined` when it is not installed (the
 * cluster scenario is then skipped with a message; `.ci/system-deps` installs it in CI).
 */
export async function startBenchRedis(): Promise<BenchRedis | undefined> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const started = await waitUntilReady(child);
  if (started === 'absent') return undefined;
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      process.off('exit', killOnExit);
    },
  };
}

function waitUntilReady(child: ChildProcess): Promise<'ready' | 'absent'> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not report "${READY_LINE}" within ${READY_TIMEOUT_MS} ms: ${output.slice(-500)}`)), READY_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') resolve('absent');
      else reject(error);
    });
    child.once('exit', (code) => fail(new Error(`redis-server exited (code ${String(code)}) before it was ready: ${output.slice(-500)}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(READY_LINE)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve('ready');
    });
    child.stderr?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A port nobody listens on right now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
