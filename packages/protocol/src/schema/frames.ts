import { Type, type Static } from '@sinclair/typebox';
import { TRACEPARENT_MAX_LENGTH } from '../trace-context';
import { Closed, NonEmptyString, NonNegativeInteger, UserProfileId } from './primitives';

/** The error object of a failed response: `{code, message, details?, retryable?, retryAfterMs?}`. */
export const ErrorShape = Closed(
  {
    code: NonEmptyString,
    message: NonEmptyString,
    details: Type.Optional(Type.Unknown()),
    retryable: Type.Optional(Type.Boolean()),
    retryAfterMs: Type.Optional(NonNegativeInteger),
  },
  { $id: 'ErrorShape' },
);
export type ErrorShape = Static<typeof ErrorShape>;

/** Client → server: call a method. `id` is chosen by the caller and echoed in every `res`. */
export const RequestFrame = Closed(
  {
    type: Type.Literal('req'),
    id: NonEmptyString,
    method: NonEmptyString,
    params: Type.Optional(Type.Unknown()),
    traceparent: Type.Optional(Type.String({ maxLength: TRACEPARENT_MAX_LENGTH })),
    expectedProfileId: Type.Optional(UserProfileId),
  },
  { $id: 'RequestFrame' },
);
export type RequestFrame = Static<typeof RequestFrame>;

/**
 * Server → client: the answer to a `req`. Streaming methods may send an intermediate
 * `ok: true, payload: {status: "accepted", …}` before the final one with the same `id`.
 * A failed response may carry both `payload` and `error`.
 */
export const ResponseFrame = Closed(
  {
    type: Type.Literal('res'),
    id: NonEmptyString,
    ok: Type.Boolean(),
    payload: Type.Optional(Type.Unknown()),
    error: Type.Optional(ErrorShape),
  },
  { $id: 'ResponseFrame' },
);
export type ResponseFrame = Static<typeof ResponseFrame>;

/** Versions of the presence and health state, attached to `presence` and `health` events. */
export const StateVersion = Closed({ presence: NonNegativeInteger, health: NonNegativeInteger }, { $id: 'StateVersion' });
export type StateVersion = Static<typeof StateVersion>;

/** Server → client: an event. Broadcasts carry a per-connection `seq` starting at 1. */
export const EventFrame = Closed(
  {
    type: Type.Literal('event'),
    event: NonEmptyString,
    payload: Type.Optional(Type.Unknown()),
    seq: Type.Optional(NonNegativeInteger),
    stateVersion: Type.Optional(StateVersion),
    recipientProfileId: Type.Optional(UserProfileId),
  },
  { $id: 'EventFrame' },
);
export type EventFrame = Static<typeof EventFrame>;

/** Any frame on the wire, discriminated by `type`. */
export const GatewayFrame = Type.Union([RequestFrame, ResponseFrame, EventFrame], { $id: 'GatewayFrame' });
export type GatewayFrame = Static<typeof GatewayFrame>;
