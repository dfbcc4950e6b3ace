import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { findFreePort } from '@gatewire/test-harness';

/** A throwaway `redis-server` on a loopback port, without persistence. */
export interface ScratchRedis {
  readonly url: string;
  /** SIGKILL it and wait for the exit. */
  stop(): Promise<void>;
}

/** Start `redis-server` (installed by `.ci/system-deps`) and resolve once it accepts connections. */
export async function startScratchRedis(readyTimeoutMs = 10_000): Promise<ScratchRedis> {
  const port = await findFreePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server not ready after ${readyTimeoutMs} ms:\n${output}`)), readyTimeoutMs);
    child.once('error', (error) => reject(new Error(`redis-server could not start (${error.message}); run .ci/system-deps`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
