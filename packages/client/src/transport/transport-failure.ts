import { formatTlsFingerprint } from '@gatewire/protocol/lite';
import { GatewayClientError } from '../errors/gateway-client-error';

/** Node's codes for a server certificate that CA validation refused. */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Longest part of a refusal body shown in a message, characters. */
const MAX_SHOWN_MESSAGE_CHARS = 200;

/** What the Node transport knows besides the error itself. */
export interface TransportFailureContext {
  readonly url: string;
  /** SHA-256 fingerprint of the server's leaf certificate, when the TLS handshake got that far. */
  readonly peerFingerprint: string | undefined;
}

/**
 * Turn an error of `ws`/`net`/`tls` into a `TRANSPORT_ERROR` that keeps it as `cause` and its code
 * as `transportCode`, with a hint where the code has a usual remedy: the certificate fingerprint
 * to pin for an untrusted certificate, `wss://` for a plain upgrade that a TLS port hung up on.
 */
export function describeTransportFailure(error: Error, context: TransportFailureContext): GatewayClientError {
  if (GatewayClientError.isInstance(error)) return error;
  const code = (error as { code?: unknown }).code;
  const transportCode = typeof code === 'string' ? code : undefined;
  let message = error.message;
  if (transportCode !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(transportCode)) {
    const shown = context.peerFingerprint === undefined ? undefined : formatTlsFingerprint(context.peerFingerprint);
    message = `${message} (${transportCode}${shown === undefined ? '' : `, fingerprint ${shown}`}): trust its CA with \`ca\`, or pin it with \`tlsFingerprint\` if the certificate is yours`;
  } else if (transportCode === 'ECONNRESET' && context.url.startsWith('ws:')) {
    message = `${message} (ECONNRESET) before the upgrade was answered: if the server speaks TLS, use wss://`;
  } else if (transportCode !== undefined && !message.includes(transportCode)) {
    message = `${message} (${transportCode})`;
  }
  return new GatewayClientError('TRANSPORT_ERROR', message, { cause: error, ...(transportCode === undefined ? {} : { transportCode }) });
}

/**
 * An HTTP answer in place of the WebSocket upgrade (a proxy's error page, a 400 for a wrong path, a
 * gateway's 503, or its 429 for a locked-out address), with its `Retry-After` header if any.
 */
export function describeUnexpectedResponse(status: number, body: string, retryAfter?: string, now = Date.now()): GatewayClientError {
  const detail = refusalMessage(body);
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  return new GatewayClientError('TRANSPORT_ERROR', `the server answered the WebSocket upgrade with HTTP ${status}${detail === undefined ? '' : `: ${detail}`}`, {
    transportCode: 'UNEXPECTED_RESPONSE',
    httpStatus: status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** `Retry-After` (RFC 9110 §10.2.3: whole seconds, or an HTTP date) in ms from `now`; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The message of a Gatewire upgrade refusal body (`{"error":{"message","type"}}`), if it is one. */
function refusalMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; type?: unknown } };
    const { message, type } = parsed.error ?? {};
    if (typeof message !== 'string') return undefined;
    const text = message.slice(0, MAX_SHOWN_MESSAGE_CHARS);
    return typeof type === 'string' ? `${text} (${type.slice(0, MAX_SHOWN_MESSAGE_CHARS)})` : text;
  } catch {
    return undefined;
  }
}
