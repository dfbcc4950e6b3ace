import { GatewayClient } from '@gatewire/client';
import { DeviceIdentity, deviceAuth } from '@gatewire/client/device';
import type { DeviceKey } from '../shared/device-keys';
import { ADD_METHOD, TICK_EVENT } from '../shared/fixture';
import type { ClientConnectOptions, SystemClient, SystemClientModule } from '../types';
import type { BenchEvents, BenchMethods } from './definitions';

/** Gatewire client with its defaults, except reconnection (off: one connection per measurement). */

const identities = new Map<number, Promise<DeviceIdentity>>();

function identityOf(key: DeviceKey): Promise<DeviceIdentity> {
  let identity = identities.get(key.index);
  if (identity === undefined) identities.set(key.index, (identity = DeviceIdentity.fromPem(key.privateKeyPem)));
  return identity;
}

export const gatewireClientModule: SystemClientModule = {
  authKinds: ['token', 'device'],
  async connect(options: ClientConnectOptions): Promise<SystemClient> {
    const device = options.auth === 'device' && options.device !== undefined ? await identityOf(options.device) : undefined;
    const client = new GatewayClient<BenchMethods, BenchEvents>({
      url: `ws://127.0.0.1:${options.port}`,
      auth: { token: options.token },
      reconnect: false,
      client: { platform: 'linux' },
      ...(device === undefined ? {} : { deviceAuth: deviceAuth({ device }) }),
    });
    if (options.onEvent !== undefined) client.onEvent(TICK_EVENT, options.onEvent);
    await client.connect();
    return {
      async add(a, b) {
        return (await client.request(ADD_METHOD, { a, b })).sum;
      },
      close: () => void client.close(),
    };
  },
};
