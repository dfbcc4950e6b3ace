/** Typed send over the IPC channel the harness opened; a child without one exits. */
export function sendToHarness(message: object): void {
  if (process.send === undefined) throw new Error('this program is started by the bench harness (no IPC channel)');
  process.send(message);
}

/** Send and resolve once the message is handed to the channel (before exiting). */
export function sendToHarnessAndFlush(message: object): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) throw new Error('this program is started by the bench harness (no IPC channel)');
    process.send(message, undefined, {}, () => resolve());
  });
}

/** Parse the JSON configuration the harness passes as the first argument. */
export function readConfig<T>(): T {
  const text = process.argv[2];
  if (text === undefined) throw new Error('missing configuration argument');
  return JSON.parse(text) as T;
}

/** Monotonic clock in ns as a number (CLOCK_MONOTONIC is shared by all processes of the machine). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/** Exit when the harness goes away, so no child outlives a crashed or interrupted run. */
export function exitWithHarness(): void {
  process.on('disconnect', () => process.exit(0));
}
