import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built binary: tests run the real `gatewire` as users do. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** The result of a finished command. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `gatewire …` to completion (with this test's Node, or the `node` binary given). */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, node: string = process.execPath): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A running `gatewire start` child. */
export interface StartedGateway {
  readonly child: ChildProcess;
  readonly url: string;
  stderr(): string;
  stdout(): string;
  /** Resolves when the process has printed a line matching `pattern` on stderr. */
  waitForNotice(pattern: RegExp): Promise<string>;
  /** SIGTERM and wait for exit; resolves the exit code. */
  stop(): Promise<number | null>;
}

/** Start `gatewire start …` and wait for its "listening on" line. */
export async function startCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<StartedGateway> {
  const child = spawn(process.execPath, [BIN, 'start', ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = stderr.split('\n').find((line) => waiter.pattern.test(line));
      if (match !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  const waitForNotice = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const found = stderr.split('\n').find((line) => pattern.test(line));
      if (found !== undefined) return resolve(found);
      waiters.push({ pattern, resolve });
      void exited.then((code) => reject(new Error(`gatewire exited (${code}) before printing ${pattern}:\n${stderr}`)));
    });
  const line = await waitForNotice(/listening on /);
  await waitForNotice(/Stop:\s+Ctrl-C/);
  const url = line.slice(line.indexOf('listening on ') + 'listening on '.length).trim();
  return {
    child,
    url,
    stderr: () => stderr,
    stdout: () => stdout,
    waitForNotice,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A `gatewire …` child still running, for signal tests. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<RunResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** A fresh `$GATEWIRE_HOME`, removed by the returned cleanup. */
export async function tempHome(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gatewire-home-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
