import { Type, type Static } from '@sinclair/typebox';
import { EventFrame } from '../schema/frames';
import { Closed, NonEmptyString, NonNegativeInteger, Open } from '../schema/primitives';
import { defineMethod } from './define';

export { RESUME_CAPABILITY } from './resume-capability';

/** `gateway.resume` params: the connection to resume and the last `seq` the client delivered from it. */
export const ResumeParams = Closed(
  {
    /** `hello-ok.server.connId` of the connection whose events were missed. May be the current one (gap repair). */
    previousConnId: NonEmptyString,
    /** The highest `seq` delivered to the application from that connection (0 if none). */
    lastSeq: NonNegativeInteger,
    /**
     * The connection that followed `previousConnId`, when the client will resume that one next (the
     * link dropped again before a resume finished): the replay stops where its live stream began, so
     * the two replays never overlap.
     */
    nextConnId: Type.Optional(NonEmptyString),
  },
  { $id: 'ResumeParams' },
);
export type ResumeParams = Static<typeof ResumeParams>;

/** Why a stream could not be recovered. The client must then resynchronise from a fresh snapshot. */
export const ResumeFailureReason = Type.Union(
  [
    /** The gateway never knew that connection, or has restarted since (its boot id differs). */
    Type.Literal('unknown-connection'),
    /** The retention window after the disconnect has passed (reported for about one more window, then `unknown-connection`). */
    Type.Literal('expired'),
    /** The caller is not the identity (auth subject or device) that owned the connection. */
    Type.Literal('not-owner'),
    /** Events after `lastSeq` were evicted because the buffer hit its event or byte bound. */
    Type.Literal('overflow'),
    /** `lastSeq` is ahead of anything recorded for the connection. */
    Type.Literal('invalid-seq'),
    /** The connection did not opt in to resume (no capability in `caps`). */
    Type.Literal('not-enabled'),
  ],
  { $id: 'ResumeFailureReason' },
);
export type ResumeFailureReason = Static<typeof ResumeFailureReason>;

/**
 * `gateway.resume` result. Either every missed event, in order, or an explicit failure: never a
 * partial replay presented as complete.
 */
export const ResumeResult = Type.Union(
  [
    Open({
      recovered: Type.Literal(true),
      /** Number of events in `events`. */
      replayed: NonNegativeInteger,
      /** The missed events with their original `seq`, ascending, all `> lastSeq`. */
      events: Type.Array(EventFrame),
    }),
    Open({ recovered: Type.Literal(false), reason: ResumeFailureReason }),
  ],
  { $id: 'ResumeResult' },
);
export type ResumeResult = Static<typeof ResumeResult>;

/**
 * `gateway.resume`: callable by any authenticated connection; only the owner of the previous
 * connection (same device, else same auth subject; same role; no fewer scopes) gets its events. A
 * previous connection's replay stops where the caller's live stream began; it may be asked again
 * (the answer can be lost with the socket) until its retention window ends. See PROTOCOL.md §11.
 */
export const resumeMethod = defineMethod('gateway.resume', {
  params: ResumeParams,
  result: ResumeResult,
  scope: 'operator.read',
  allowAllRoles: true,
  description: 'Replay the events a connection missed (Gatewire extension, capability gatewire.resume.v1).',
});
