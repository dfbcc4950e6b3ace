import { GatewayClientError, GatewayRequestError } from '@gatewire/client/node';
import { CliError } from '../config/errors';
import { ExitCodes } from '../exit-codes';
import { authRefusalText } from './auth-remedies';
import { SDK_ERROR_EXIT_CODES } from './sdk-exit-codes';

/** Wire error codes that mean "not allowed" rather than "the request failed". */
const AUTH_WIRE_CODES: ReadonlySet<string> = new Set(['NOT_PAIRED', 'FORBIDDEN']);

/**
 * Map an error of the client SDK onto a {@link CliError}: the exit code of the documented table, the
 * most specific code, and words for a person (what happened, then what to do).
 * `what` starts the message (`cannot connect to ws://…`, `request failed`).
 */
export function toCliError(error: unknown, what: string): CliError {
  if (error instanceof CliError) return error;
  const refusal = findRefusal(error);
  const refusalCode = refusal?.detailCode;
  const text = authRefusalText(refusalCode);
  if (refusalCode !== undefined && text !== undefined) {
    const retry = refusal?.retryAfterMs === undefined ? '' : ` (retry after ${Math.ceil(refusal.retryAfterMs / 1000)} s)`;
    return new CliError(`${what}: ${text.title} (${refusalCode})${retry}: ${text.remedy ?? ''}`, ExitCodes.AUTH, { cause: error, code: refusalCode });
  }
  if (GatewayRequestError.isInstance(error)) {
    const detail = error.detailCode === undefined ? '' : ` [${error.detailCode}]`;
    const isAuth = AUTH_WIRE_CODES.has(error.code) || (error.detailCode?.startsWith('AUTH_') ?? false) || error.detailCode === 'PAIRING_REQUIRED';
    return new CliError(`${what}: ${error.code}: ${error.message}${detail}`, isAuth ? ExitCodes.AUTH : ExitCodes.REQUEST_FAILED, {
      cause: error,
      code: error.detailCode ?? error.code,
    });
  }
  if (GatewayClientError.isInstance(error)) {
    const exitCode = SDK_ERROR_EXIT_CODES[error.code];
    if (error.code === 'HANDSHAKE_TIMEOUT') return new CliError(`${what}: ${describeHandshakeTimeout(error)}`, exitCode, { cause: error, code: error.code });
    if (exitCode !== ExitCodes.UNREACHABLE) return new CliError(`${what}: ${error.message}`, exitCode, { cause: error, code: refusalCode ?? error.code });
    const system = findSystemCode(error);
    const because = system === undefined ? '' : ` (${system.code}: ${system.message})`;
    return new CliError(`${what}: ${error.code}: ${error.message}${because}`, exitCode, { cause: error, code: system?.code ?? error.code });
  }
  const system = findSystemCode(error);
  return new CliError(`${what}: ${error instanceof Error ? error.message : String(error)}`, ExitCodes.FAILURE, { cause: error, ...(system === undefined ? {} : { code: system.code }) });
}

/**
 * Words for a connect that timed out. The SDK closes an open socket with 4000 (the error's
 * `closeCode`); without one, the HTTP upgrade itself was never answered.
 */
function describeHandshakeTimeout(error: GatewayClientError): string {
  if (error.closeCode === undefined) {
    return `the WebSocket upgrade got no answer in time (HANDSHAKE_TIMEOUT): a proxy that stalls, or a server that does not serve this path. Check the URL and its path (or raise --timeout).`;
  }
  return `the gateway accepted the WebSocket connection but did not answer connect in time (HANDSHAKE_TIMEOUT). If earlier attempts from this machine used a wrong token, auth failures are being slowed down: wait a few seconds and retry with the right token (or raise --timeout).`;
}

/** The gateway's refusal of `connect` somewhere in the cause chain, if any. */
function findRefusal(error: unknown): GatewayRequestError | undefined {
  for (const link of causeChain(error)) if (GatewayRequestError.isInstance(link)) return link;
  return undefined;
}

/** The first Node system or TLS error (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …) in the cause chain. */
export function findSystemCode(error: unknown): { code: string; message: string } | undefined {
  for (const link of causeChain(error)) {
    if (GatewayClientError.isInstance(link) || GatewayRequestError.isInstance(link)) continue;
    const code = (link as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return { code, message: link instanceof Error ? link.message : String(link) };
  }
  return undefined;
}

function* causeChain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  let link: unknown = error;
  while (link !== undefined && link !== null && !seen.has(link)) {
    seen.add(link);
    yield link;
    link = (link as { cause?: unknown }).cause;
  }
}
