import { afterEach } from 'vitest';
import { FakeGateway, type FakeGatewayOptions } from './fake-gateway';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Run `cleanup` after the current test, newest first. */
export function onCleanup(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** Close `client` after the current test. */
export function track<T extends { close(): Promise<void> }>(client: T): T {
  onCleanup(() => client.close());
  return client;
}

/** Start a raw-frame gateway that is stopped after the current test. */
export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const gateway = await FakeGateway.start(options);
  onCleanup(() => gateway.stop(1001, 'test over'));
  return gateway;
}
