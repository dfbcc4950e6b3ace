import { CloseCodes, ErrorCodes, parseFrame, validators, type ConnectParams, type RequestFrame } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';
import type { ConnectRefusal } from './connect-refusal';

/** What the pre-auth frame handler needs from the gateway. */
export interface HandshakeHost {
  readonly preAuthMaxPayloadBytes: number;
  readonly maxPendingHandshakeBytes: number;
  /** Run admission and answer `hello-ok` or the refusal. */
  beginConnect(connection: Connection, frame: RequestFrame, params: ConnectParams): void;
  refuse(connection: Connection, requestId: string | undefined, refusal: ConnectRefusal | { error: { code: string; message: string }; closeCode: number; closeReason: string }): void;
}

/**
 * Handle one frame before the connection is authenticated. The first frame must be a valid
 * `connect` request; frames that arrive while it is processed are queued (up to a byte bound).
 */
export function handlePreAuthFrame(host: HandshakeHost, connection: Connection, text: string, byteLength: number): void {
  if (byteLength > host.preAuthMaxPayloadBytes) {
    connection.close(CloseCodes.MESSAGE_TOO_BIG, 'preauth payload too large');
    return;
  }
  if (connection.state === 'authenticating') {
    if (!connection.queuePendingFrame(text, byteLength, host.maxPendingHandshakeBytes)) {
      connection.close(CloseCodes.POLICY_VIOLATION, 'too many pending handshake frames');
    }
    return;
  }
  const parsed = parseFrame(text);
  if (!parsed.ok && parsed.kind === 'json') {
    connection.close(CloseCodes.NORMAL, '');
    return;
  }
  if (!parsed.ok || parsed.frame.type !== 'req') {
    connection.close(CloseCodes.POLICY_VIOLATION, 'invalid request frame');
    return;
  }
  const frame = parsed.frame;
  if (frame.method !== 'connect') {
    const message = 'invalid handshake: first request must be connect';
    host.refuse(connection, frame.id, { error: { code: ErrorCodes.INVALID_REQUEST, message }, closeCode: CloseCodes.POLICY_VIOLATION, closeReason: message });
    return;
  }
  const params = frame.params;
  if (!validators.connectParams.check(params)) {
    const message = `invalid connect params: ${validators.connectParams.firstError(params) ?? 'invalid'}`;
    host.refuse(connection, frame.id, { error: { code: ErrorCodes.INVALID_REQUEST, message }, closeCode: CloseCodes.POLICY_VIOLATION, closeReason: message });
    return;
  }
  connection.state = 'authenticating';
  host.beginConnect(connection, frame, params);
}
