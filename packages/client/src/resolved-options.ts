import type { ClientId, ClientMode, Role } from '@gatewire/protocol/lite';
import type { AuthOptions } from './auth-options';
import type { DeviceIdentity } from './device/identity';
import type { IdentityStore } from './device/identity-store';
import type { Logger } from './logger';
import type { ReconnectOptions } from './reconnect-policy';

/** The client info after defaults. */
export interface ResolvedClientInfo {
  readonly id: ClientId;
  readonly version: string;
  readonly platform: string;
  readonly mode: ClientMode;
  readonly displayName: string | undefined;
  readonly deviceFamily: string | undefined;
  readonly instanceId: string | undefined;
}

/** {@link GatewayClientOptions} with every default applied and every combination checked. */
export interface ResolvedClientOptions {
  readonly url: string;
  readonly secure: boolean;
  readonly client: ResolvedClientInfo;
  readonly role: Role;
  /** `undefined` means "not configured": the stored token's scopes or the role's default apply. */
  readonly scopes: readonly string[] | undefined;
  readonly caps: readonly string[];
  readonly commands: readonly string[] | undefined;
  readonly auth: Readonly<AuthOptions>;
  readonly device: DeviceIdentity | undefined;
  readonly identityStore: IdentityStore | undefined;
  readonly reconnect: ReconnectOptions;
  readonly requestTimeoutMs: number | null;
  readonly connectTimeoutMs: number;
  readonly queueMaxSize: number;
  readonly queueTimeoutMs: number;
  readonly resume: boolean;
  readonly logger: Logger;
}
