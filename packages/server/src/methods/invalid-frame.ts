import { ErrorCodes, type ParseFrameResult } from '@gatewire/protocol';
import type { Connection } from '../connection/connection';

/**
 * Answer a frame of an authenticated connection that is not a valid request: `INVALID_REQUEST`
 * with the problem, to the frame's `id` when it had a usable one (else `"invalid"`).
 */
export function refuseInvalidFrame(connection: Connection, parsed: ParseFrameResult): void {
  const detail = parsed.ok ? `expected type 'req', got '${parsed.frame.type}'` : parsed.error.message.replace(/^invalid (?:request )?frame: /, '');
  const id = parsed.ok ? ('id' in parsed.frame ? parsed.frame.id : undefined) : parsed.id;
  connection.sendResponse(id ?? 'invalid', false, undefined, { code: ErrorCodes.INVALID_REQUEST, message: `invalid request frame: ${detail}` });
}
