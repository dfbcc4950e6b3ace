import {
  base64UrlEncode,
  buildDeviceAuthPayload,
  deriveDeviceId,
  resolveSignedToken,
  signDevicePayload,
  type ConnectParams,
  type DeviceAuthPayloadVersion,
} from '@gatewire/protocol';

/** The private key type the protocol's signer takes (WebCrypto `CryptoKey`). */
type PrivateKey = Parameters<typeof signDevicePayload>[0];

/** An Ed25519 device identity made with WebCrypto for a test. */
export interface TestDevice {
  deviceId: string;
  publicKey: string;
  privateKey: PrivateKey;
}

export async function createTestDevice(): Promise<TestDevice> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as { publicKey: PrivateKey; privateKey: PrivateKey };
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey as never));
  return { deviceId: await deriveDeviceId(raw), publicKey: base64UrlEncode(raw), privateKey: pair.privateKey };
}

/** Options to tamper with a proof. */
export interface SignOptions {
  version?: DeviceAuthPayloadVersion;
  signedAt?: number;
  nonce?: string;
  deviceId?: string;
}

/** Add a signed `device` block to connect params, for the challenge `{nonce, ts}`. */
export async function signConnect(params: ConnectParams, device: TestDevice, challenge: { nonce: string; ts: number }, options: SignOptions = {}): Promise<ConnectParams> {
  const signedAt = options.signedAt ?? challenge.ts;
  const nonce = options.nonce ?? challenge.nonce;
  const payload = buildDeviceAuthPayload(options.version ?? 'v3', {
    deviceId: device.deviceId,
    clientId: params.client.id,
    clientMode: params.client.mode,
    role: params.role ?? 'operator',
    scopes: params.scopes ?? [],
    signedAtMs: signedAt,
    token: resolveSignedToken(params.auth),
    nonce,
    platform: params.client.platform,
    deviceFamily: params.client.deviceFamily,
  });
  const signature = await signDevicePayload(device.privateKey, payload);
  return { ...params, device: { id: options.deviceId ?? device.deviceId, publicKey: device.publicKey, signature, signedAt, nonce } };
}
