/**
 * Run an example the way a person does (`node --import tsx src/<example>.ts` in its folder) and
 * report how it ended. An example asserts its own results and exits non-zero when one fails; these
 * helpers add what a script cannot check about itself: that it exits by itself, in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** How a run ended. */
export interface ExampleRun {
  /** The exit code, or `null` when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runExample} and {@link startExample}. */
export interface RunOptions {
  /** The example's folder (where its `node_modules/tsx` is). @default process.cwd() */
  readonly cwd?: string;
  /** Longest time the script may run before it is killed and the run fails, ms. @default 30000 */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function spawnExample(script: string, options: RunOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collect the output of a child and resolve when it exits; kill it and reject after the deadline. */
function waitForExit(child: ChildProcess, output: { stdout: string; stderr: string }, timeoutMs: number): Promise<ExampleRun> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `the example did not exit within ${timeoutMs} ms: something was left open (a server, a socket or a timer)\n` +
            `--- stdout ---\n${output.stdout}\n--- stderr ---\n${output.stderr}`,
        ),
      );
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    });
  });
}

function capture(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  return output;
}

/** Run a script to its end. Resolves with its exit code and output; rejects if it does not exit in time. */
export function runExample(script: string, options: RunOptions = {}): Promise<ExampleRun> {
  const child = spawnExample(script, options);
  return waitForExit(child, capture(child), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/**
 * Check that a run succeeded: exit code 0, nothing on stderr, and `<name>: ok` as its last line.
 * Throws an error with the whole output otherwise, so a failing CI log shows what the example said.
 */
export function assertExampleSucceeded(run: ExampleRun, name: string): void {
  const lastLine = run.stdout.trimEnd().split('\n').at(-1);
  if (run.code === 0 && run.stderr === '' && lastLine === `${name}: ok`) return;
  throw new Error(
    `example ${name} failed (exit code ${run.code}${run.signal ? `, signal ${run.signal}` : ''}, last line ${JSON.stringify(lastLine)})\n` +
      `--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`,
  );
}

/** A script that serves until stopped. */
export interface StartedExample {
  /** The first `http://…` URL the script printed. */
  readonly url: string;
  /** Send SIGINT and wait for the script to exit by itself. */
  stop(): Promise<ExampleRun>;
}

/** Start a serving script and resolve once it prints a URL. */
export function startExample(script: string, options: RunOptions = {}): Promise<StartedExample> {
  const child = spawnExample(script, options);
  const output = capture(child);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const exited = waitForExit(child, output, timeoutMs);
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const url = /http:\/\/\S+/.exec(output.stdout)?.[0];
      if (url === undefined) return;
      child.stdout?.off('data', onData);
      resolve({
        url,
        stop: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    exited.then(
      (run) => reject(new Error(`the example exited (code ${run.code}) before printing a URL\n${run.stdout}\n${run.stderr}`)),
      reject,
    );
  });
}
