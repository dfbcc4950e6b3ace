import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The state letter of a process from `/proc/<pid>/stat` (`R` running, `S` sleeping, `T` stopped,
 * `Z` zombie, …), or `undefined` when the process is gone or `/proc` is not there.
 */
export async function processState(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S …": the command may contain spaces and parentheses, so read after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/**
 * Resolves once the process is in `state` (e.g. `T` after SIGSTOP, which takes effect
 * asynchronously and has no event to await). Polls every millisecond; rejects after `timeoutMs`.
 */
export async function waitForProcessState(pid: number, state: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await processState(pid);
    if (current === state) return;
    if (Date.now() > deadline) throw new Error(`process ${pid} is in state ${current ?? 'gone'}, not ${state}, after ${timeoutMs} ms`);
    await delay(1);
  }
}
