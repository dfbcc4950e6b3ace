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
  #preferStoredToken = false;
  #storedTokenRetryUsed = false;

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
    const preferStoredToken = this.#preferStoredToken;
    this.#preferStoredToken = false;
    return buildConnectParams(this.#options, { challenge, device, storedToken, preferStoredToken });
  }

  /**
   * After `AUTH_TOKEN_MISMATCH`: allow one retry with the stored device token instead of the
   * configured shared token, when the endpoint is trusted (loopback, or `wss://` with a pin), a shared
   * token was sent and the store has a device token. Returns whether the retry is armed. Bounded:
   * once until the next `hello-ok`.
   */
  armStoredTokenRetry(request: ConnectRequest | undefined, trustedEndpoint: boolean): boolean {
    if (!trustedEndpoint || this.#storedTokenRetryUsed || request === undefined) return false;
    if (request.usedStoredToken || !request.storedTokenAvailable || request.params.auth?.token === undefined) return false;
    this.#storedTokenRetryUsed = true;
    this.#preferStoredToken = true;
    return true;
  }

  /** Keep the device token of `hello-ok.auth`, per (device, role). */
  async storeIssuedToken(hello: HelloOk): Promise<void> {
    this.#storedTokenRetryUsed = false;
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
