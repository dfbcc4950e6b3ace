import { DeviceIdentity } from './device/identity';
import type { HelloOk } from '@gatewire/protocol/lite';
import type { GatewayRequestError } from './errors/gateway-request-error';
import type { DeviceSigner } from './device/device-signer';
import type { IdentityStore } from './device/identity-store';
import { buildConnectParams, type Challenge, type ConnectRequest } from './handshake';
import type { ResolvedClientOptions } from './resolve-options';

/**
 * The client's device side of the handshake: which identity signs (the configured one, else the
 * store's, else a new one saved to the store), which stored device token to send for the role,
 * keeping the token a `hello-ok` or `device.token.rotate` issues, and dropping one the gateway
 * revoked. Store updates run one after the other, and a connect waits for them, so it never sends
 * a token that is being dropped.
 */
export class DeviceAuth {
  readonly #options: ResolvedClientOptions;
  readonly #signer: DeviceSigner | undefined;
  #device: DeviceIdentity | undefined;
  #preferStoredToken = false;
  #storedTokenRetryUsed = false;
  /** The refusal of the configured token while the stored-token retry is under way. */
  #sharedTokenRefusal: GatewayRequestError | undefined;
  #storeWork: Promise<void> = Promise.resolve();

  /** `signer` signs the device payload (default: `identity.sign`, WebCrypto). */
  constructor(options: ResolvedClientOptions, signer?: DeviceSigner) {
    this.#options = options;
    this.#signer = signer;
    this.#device = options.device;
  }

  /** The identity in use, once resolved (or the configured one). */
  get device(): DeviceIdentity | undefined {
    return this.#device;
  }

  /** The refusal of the configured token, while (or after) the stored-token retry replaced it. */
  get sharedTokenRefusal(): GatewayRequestError | undefined {
    return this.#sharedTokenRefusal;
  }

  /**
   * Build the `connect` params for a challenge, signing with the device identity if there is one.
   * Without an identity store there is nothing to wait for or look up: the params are built at once,
   * and returned at once when the signer signs synchronously (the Node build's).
   */
  prepareConnect(challenge: Challenge): ConnectRequest | Promise<ConnectRequest> {
    const store = this.#options.identityStore;
    if (store === undefined) return buildConnectParams(this.#options, { challenge, device: this.#device, storedToken: undefined, signer: this.#signer });
    return this.#prepareConnectWithStore(challenge, store);
  }

  async #prepareConnectWithStore(challenge: Challenge, store: IdentityStore): Promise<ConnectRequest> {
    await this.#storeWork;
    const device = await this.#resolveDevice();
    const storedToken = device !== undefined ? await store.loadDeviceToken(device.deviceId, this.#options.role) : undefined;
    const preferStoredToken = this.#preferStoredToken;
    this.#preferStoredToken = false;
    return buildConnectParams(this.#options, { challenge, device, storedToken, preferStoredToken, signer: this.#signer });
  }

  /**
   * After `AUTH_TOKEN_MISMATCH`: allow one retry with the stored device token instead of the
   * configured shared token, when `auth.storedTokenFallback` allows it, the endpoint is trusted
   * (loopback, or `wss://` with a pin), a shared token was sent and the store has a device token.
   * Returns whether the retry is armed. Bounded: once until the next `hello-ok`.
   */
  armStoredTokenRetry(request: ConnectRequest | undefined, refusal: GatewayRequestError, trustedEndpoint: boolean): boolean {
    if (this.#options.auth.storedTokenFallback === false || !trustedEndpoint || this.#storedTokenRetryUsed || request === undefined) return false;
    if (request.usedStoredToken || !request.storedTokenAvailable || request.params.auth?.token === undefined) return false;
    this.#storedTokenRetryUsed = true;
    this.#preferStoredToken = true;
    this.#sharedTokenRefusal = refusal;
    return true;
  }

  /**
   * Keep the device token of `hello-ok.auth`, per (device, role). Resolves when the store is up to
   * date; `undefined` when there is no identity store (nothing to wait for).
   */
  storeIssuedToken(hello: HelloOk): Promise<void> | undefined {
    this.#storedTokenRetryUsed = false;
    const store = this.#options.identityStore;
    if (store === undefined) return undefined;
    const { deviceToken, role, scopes, issuedAtMs } = hello.auth;
    const device = this.#device;
    if (deviceToken === undefined || device === undefined) return this.#storeWork;
    return this.#queue(() => store.saveDeviceToken(device.deviceId, { token: deviceToken, role, scopes, ...(issuedAtMs === undefined ? {} : { issuedAtMs }) }));
  }

  /** Forget the refusal of the configured token (a connect with it succeeded, or a new attempt starts). */
  forgetSharedTokenRefusal(): void {
    this.#sharedTokenRefusal = undefined;
  }

  /**
   * The gateway revoked or replaced the stored token `usedToken` of this role: drop it, unless the
   * store already holds another one (a rotation delivered to this client). Resolves whether a newer
   * token is there to reconnect with.
   */
  dropRevokedToken(usedToken: string | undefined): Promise<boolean> {
    const store = this.#options.identityStore;
    const device = this.#device;
    if (store === undefined || device === undefined) return Promise.resolve(false);
    let newer = false;
    return this.#queue(async () => {
      const stored = await store.loadDeviceToken(device.deviceId, this.#options.role);
      if (stored === undefined) return;
      if (usedToken !== undefined && stored.token !== usedToken) newer = true;
      else await store.clearDeviceToken(device.deviceId, this.#options.role);
    }).then(() => newer);
  }

  /**
   * After a successful `device.token.rotate` or `device.token.revoke` for this device: keep the
   * rotated token (it replaces the stored one) or drop the revoked one.
   */
  applyTokenChange(method: string, params: unknown, result: unknown): Promise<void> {
    const store = this.#options.identityStore;
    const device = this.#device;
    const target = params as { deviceId?: unknown; role?: unknown } | undefined;
    if (store === undefined || device === undefined || target?.deviceId !== device.deviceId || typeof target.role !== 'string') return this.#storeWork;
    const role = target.role;
    if (method === 'device.token.revoke') return this.#queue(() => store.clearDeviceToken(device.deviceId, role));
    const { token, scopes, rotatedAtMs } = (result ?? {}) as { token?: unknown; scopes?: unknown; rotatedAtMs?: unknown };
    if (typeof token !== 'string' || !Array.isArray(scopes)) return this.#storeWork;
    const issuedAtMs = typeof rotatedAtMs === 'number' ? { issuedAtMs: rotatedAtMs } : {};
    return this.#queue(() => store.saveDeviceToken(device.deviceId, { token, role, scopes: scopes as string[], ...issuedAtMs }));
  }

  #queue(update: () => Promise<void>): Promise<void> {
    const next = this.#storeWork.then(update);
    this.#storeWork = next.catch(() => undefined);
    return next;
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
