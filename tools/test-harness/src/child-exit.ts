import type { ChildProcess } from 'node:child_process';

/** How a child process ended. */
export interface ChildExit {
  /** The exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, or `null` when it exited by itself. */
  readonly signal: NodeJS.Signals | null;
}

/** Whether `child` still runs (a stopped one does). */
export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves when `child` has exited (at once if it already has). Never rejects. */
export function waitForExit(child: ChildProcess): Promise<ChildExit> {
  if (!isRunning(child)) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Kill `child` with SIGKILL if the test process exits while it still runs, so that a failed or
 * interrupted test run leaves no redis-server or gateway behind. Stopped (SIGSTOP) children are
 * killed too.
 */
export function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const leftover of running) leftover.kill('SIGKILL');
  });
}
