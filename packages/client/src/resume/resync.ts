import type { ResumeFailureReason } from '@gatewire/protocol/lite';

/**
 * Why events could not be recovered:
 * - a `gateway.resume` failure reason from the gateway (`unknown-connection` after a restart,
 *   `expired` after the retention window, `overflow`, `not-owner`, `invalid-seq`, `not-enabled`);
 * - `not-enabled` too when the client reconnected to a gateway that no longer offers resume;
 * - `request-failed`: `gateway.resume` itself failed (timeout, gateway error) on a live connection;
 * - `incomplete`: the replay did not close the gap;
 * - `too-many-reconnects`: the connection dropped again and again before a resume could finish.
 */
export type ResyncReason = ResumeFailureReason | 'request-failed' | 'incomplete' | 'too-many-reconnects';

/** `resync` event: events may have been lost; refetch state (e.g. from `client.hello.snapshot`). */
export interface ResyncContext {
  readonly reason: ResyncReason;
  /** The connection whose events could not be recovered. */
  readonly connId: string | undefined;
  /** The error of a failed `gateway.resume` call, when that is the reason. */
  readonly error?: Error;
}
