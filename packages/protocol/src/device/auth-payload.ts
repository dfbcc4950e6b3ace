/** The versions of the device-auth payload. v3 binds platform and device family too; prefer it. */
export type DeviceAuthPayloadVersion = 'v2' | 'v3';

/** The fields a device signs at `connect`. */
export interface DeviceAuthPayloadFields {
  /** `sha256(raw public key)`, lowercase hex. */
  readonly deviceId: string;
  /** `connect.params.client.id`. */
  readonly clientId: string;
  /** `connect.params.client.mode`. */
  readonly clientMode: string;
  /** The role after defaulting (`"operator"` when absent). */
  readonly role?: string | undefined;
  /** The requested scopes in the client's order (not sorted); absent signs as an empty field. */
  readonly scopes?: readonly string[] | undefined;
  /** When it was signed, ms since the epoch (use the challenge `ts`). */
  readonly signedAtMs: number;
  /** `auth.token ?? auth.deviceToken ?? auth.bootstrapToken`, or absent. A password is never signed. */
  readonly token?: string | undefined;
  /** The challenge nonce of this connection. */
  readonly nonce: string;
  /** v3 only: `client.platform`. */
  readonly platform?: string | undefined;
  /** v3 only: `client.deviceFamily`. */
  readonly deviceFamily?: string | undefined;
}

/**
 * Build the exact string a device signs:
 *
 * - v2: `v2|deviceId|clientId|clientMode|role|scopesCsv|signedAtMs|token|nonce`
 * - v3: `v2`'s fields then `|platform|deviceFamily`, each trimmed and with ASCII A–Z lowercased.
 */
export function buildDeviceAuthPayload(version: DeviceAuthPayloadVersion, fields: DeviceAuthPayloadFields): string {
  const scopes = fields.scopes === undefined ? '' : fields.scopes.join(',');
  const v2 = `${version}|${fields.deviceId}|${fields.clientId}|${fields.clientMode}|${fields.role ?? 'operator'}|${scopes}|${fields.signedAtMs}|${fields.token ?? ''}|${fields.nonce}`;
  if (version !== 'v3') return v2;
  return `${v2}|${normalizeDeviceMetadata(fields.platform)}|${normalizeDeviceMetadata(fields.deviceFamily)}`;
}

/** The token a device signs: the first present of `token`, `deviceToken`, `bootstrapToken`. */
export function resolveSignedToken(auth: { token?: string | undefined; deviceToken?: string | undefined; bootstrapToken?: string | undefined } | undefined): string | undefined {
  return auth?.token ?? auth?.deviceToken ?? auth?.bootstrapToken;
}

const ASCII_UPPERCASE = /[A-Z]/;
const ASCII_UPPERCASE_ALL = /[A-Z]/g;

/** Trim, then lowercase ASCII A–Z only (other characters are kept as they are). */
export function normalizeDeviceMetadata(value: string | undefined): string {
  if (value === undefined) return '';
  const trimmed = value.trim();
  return ASCII_UPPERCASE.test(trimmed) ? trimmed.replace(ASCII_UPPERCASE_ALL, (char) => char.toLowerCase()) : trimmed;
}

