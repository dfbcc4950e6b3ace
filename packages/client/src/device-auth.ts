import { DeviceIdentity } from './device/identity';
import type { HelloOk } from '@gatewire/protocol/lite';
import { buildConnectParams, type Challenge, type ConnectRequest } from './handshake';
import type { ResolvedClientOptions } from './resolve-options';

/**
 * The client's device side of the handshake: which identity signs (the configured one, else the
 * store's, else a new one saved to the store), which stored device token to send for the role, and
 * keeping the token a `hello-ok` issues.
 */
export class DeviceAuth {
  readonly #options: ResolvedClientOptions;
  #device: DeviceIdentity | undefined;

  constructor(options: ResolvedClientOptions) {
    this.#options = options;
    this.#device = options.device;
  }

  /** The identity in use, once resolved (or the configured one). */
  get device(): DeviceIdentity | undefined {
    return this.#device;
  }

  /** Build the `connect` params for a challenge, signing with the device identity if there is one. */
  async prepareConnect(challenge: Challenge): Promise<ConnectRequest> {
    const device = await this.#resolveDevice();
    const store = this.#options.identityStore;
    const storedToken = device !== undefined && store !== undefined ? await store.loadDeviceToken(device.deviceId, this.#options.role) : undefined;
    return buildConnectParams(this.#options, { challenge, device, storedToken });
  }

  /** Keep the device token of `hello-ok.auth`, per (device, role). */
  async storeIssuedToken(hello: HelloOk): Promise<void> {
    const { deviceToken, role, scopes, issuedAtMs } = hello.auth;
    const store = this.#options.identityStore;
    if (deviceToken === undefined || store === undefined || this.#device === undefined) return;
    await store.saveDeviceToken(this.#device.deviceId, { token: deviceToken, role, scopes, ...(issuedAtMs === undefined ? {} : { issuedAtMs }) });
  }

  /** Forget the stored device token of this role (the gateway refused it). */
  async clearStoredToken(): Promise<void> {
    if (this.#device !== undefined) await this.#options.identityStore?.clearDeviceToken(this.#device.deviceId, this.#options.role);
  }

  async #resolveDevice(): Promise<DeviceIdentity | undefined> {
    if (this.#device !== undefined) return this.#device;
    const store = this.#options.identityStore;
    if (store === undefined) return undefined;
    let identity = await store.loadIdentity();
    if (identity === undefined) {
      identity = await (store.generateIdentity?.() ?? DeviceIdentity.generate());
      await store.saveIdentity(identity);
    }
    return (this.#device = identity);
  }
}
