import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../systems/types';

/**
 * Open `count` connections with at most `concurrency` handshakes under way at once. The options of
 * connection `index` come from `optionsOf(index)`. Rejects on the first failure.
 */
export async function connectMany(
  module: SystemClientModule,
  count: number,
  concurrency: number,
  optionsOf: (index: number) => ClientConnectOptions,
): Promise<SystemClient[]> {
  const clients: SystemClient[] = new Array<SystemClient>(count);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < count) {
      const index = next++;
      clients[index] = await module.connect(optionsOf(index));
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, () => lane()));
  return clients;
}

/** Close every client (closing is not awaited). */
export function closeAll(clients: readonly SystemClient[]): void {
  for (const client of clients) client.close();
}
