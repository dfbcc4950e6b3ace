import {
  buildDeviceAuthPayload,
  normalizePublicKey,
  resolveSignedToken,
  type ConnectParams,
  type DeviceAuthPayloadVersion,
  type DeviceProof,
} from '@gatewire/protocol';
import { invalidRequest, type ConnectRefusal } from '../handshake/connect-refusal';
import { ed25519Verifier } from './ed25519-verifier';

/** A device proof that passed every check. */
export interface VerifiedDevice {
  readonly deviceId: string;
  /** Raw public key, base64url. */
  readonly publicKey: string;
  /** Which payload the signature covered. */
  readonly payloadVersion: DeviceAuthPayloadVersion;
}

function deviceRefusal(message: string, code: string, reason: string): ConnectRefusal {
  return invalidRequest(message, { details: { code, reason } });
}

/** What the proof is checked against. */
export interface DeviceProofContext {
  readonly params: ConnectParams;
  readonly device: DeviceProof;
  readonly role: string;
  readonly scopes: readonly string[];
  /** This connection's challenge nonce. */
  readonly nonce: string;
  readonly skewMs: number;
  readonly now: number;
}

/**
 * Verify a device proof in the reference order: device id (a key that cannot be decoded matches no
 * id), signature age (±skew), nonce present, nonce of this connection, public key importable, then
 * the Ed25519 signature over the v3 payload and, failing that, the v2 payload. Returns the verified
 * device, or the refusal to send. Synchronous: hashing and verification use `node:crypto`, and a
 * key that verified before is neither decoded, hashed nor imported again (see {@link ed25519Verifier}).
 */
export function verifyDeviceProof(context: DeviceProofContext): VerifiedDevice | ConnectRefusal {
  const { device, params } = context;
  const cached = ed25519Verifier.cached(device.publicKey);
  const raw = cached === undefined ? normalizePublicKey(device.publicKey) : undefined;
  const deviceId = cached?.deviceId ?? (raw === undefined ? undefined : ed25519Verifier.deviceId(raw));
  if (deviceId === undefined || (device.id !== deviceId && device.id.trim().toLowerCase() !== deviceId)) {
    return deviceRefusal('device identity mismatch', 'DEVICE_AUTH_DEVICE_ID_MISMATCH', 'device-id-mismatch');
  }
  if (Math.abs(context.now - device.signedAt) > context.skewMs) {
    return deviceRefusal('device signature expired', 'DEVICE_AUTH_SIGNATURE_EXPIRED', 'device-signature-stale');
  }
  if (device.nonce.trim().length === 0) return deviceRefusal('device nonce required', 'DEVICE_AUTH_NONCE_REQUIRED', 'device-nonce-missing');
  if (device.nonce !== context.nonce) return deviceRefusal('device nonce mismatch', 'DEVICE_AUTH_NONCE_MISMATCH', 'device-nonce-mismatch');
  const key = cached ?? (raw === undefined ? undefined : ed25519Verifier.importKey(raw, deviceId));
  if (key === undefined) return deviceRefusal('device public key invalid', 'DEVICE_AUTH_PUBLIC_KEY_INVALID', 'device-public-key');
  const fields = {
    deviceId: device.id,
    clientId: params.client.id,
    clientMode: params.client.mode,
    role: context.role,
    scopes: context.scopes,
    signedAtMs: device.signedAt,
    token: resolveSignedToken(params.auth),
    nonce: device.nonce,
    platform: params.client.platform,
    deviceFamily: params.client.deviceFamily,
  };
  for (const version of ['v3', 'v2'] as const) {
    if (ed25519Verifier.verify(key, device.publicKey, buildDeviceAuthPayload(version, fields), device.signature)) {
      return { deviceId, publicKey: key.publicKey, payloadVersion: version };
    }
  }
  return deviceRefusal('device signature invalid', 'DEVICE_AUTH_SIGNATURE_INVALID', 'device-signature');
}
