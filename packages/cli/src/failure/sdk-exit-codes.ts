import type { SdkErrorCode } from '@gatewire/client/node';
import { ExitCodes, type ExitCode } from '../exit-codes';

/**
 * The exit code of every SDK error code (`GatewayClientError.code`), per the documented table
 * (2 usage, 4 unreachable, 5 auth, 1 any other failure). A `Record` over the SDK's code union: a
 * new SDK code does not compile until it is placed here.
 */
export const SDK_ERROR_EXIT_CODES: Readonly<Record<SdkErrorCode, ExitCode>> = {
  // The gateway refused who we are: credentials, device token, Origin, pairing.
  AUTH_FAILED: ExitCodes.AUTH,
  DEVICE_TOKEN_REVOKED: ExitCodes.AUTH,
  ORIGIN_NOT_ALLOWED: ExitCodes.AUTH,
  PAIRING_REQUIRED: ExitCodes.AUTH,
  // No usable gateway at the other end: refused, timed out, dropped, not a (compatible) gateway.
  NOT_CONNECTED: ExitCodes.UNREACHABLE,
  REQUEST_TIMEOUT: ExitCodes.UNREACHABLE,
  CONNECTION_CLOSED: ExitCodes.UNREACHABLE,
  TLS_PIN_MISMATCH: ExitCodes.UNREACHABLE,
  PROTOCOL_MISMATCH: ExitCodes.UNREACHABLE,
  HANDSHAKE_TIMEOUT: ExitCodes.UNREACHABLE,
  HANDSHAKE_FAILED: ExitCodes.UNREACHABLE,
  TICK_TIMEOUT: ExitCodes.UNREACHABLE,
  QUEUE_FULL: ExitCodes.UNREACHABLE,
  QUEUE_TIMEOUT: ExitCodes.UNREACHABLE,
  RECONNECT_EXHAUSTED: ExitCodes.UNREACHABLE,
  TRANSPORT_ERROR: ExitCodes.UNREACHABLE,
  // Our own doing: bad flags, or a request we cancelled.
  INVALID_OPTIONS: ExitCodes.USAGE,
  ABORTED: ExitCodes.FAILURE,
};
