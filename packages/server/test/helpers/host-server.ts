/** A host `http.Server` and an embedded gateway, both stopped after the current test. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../../src/index';
import { onCleanup } from './fixtures';

/** Listen on 127.0.0.1, port 0; returns the port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return (server.address() as AddressInfo).port;
}

/** Close `gateway` after the current test. */
export function track(gateway: Gateway): Gateway {
  onCleanup(() => gateway.close());
  return gateway;
}
