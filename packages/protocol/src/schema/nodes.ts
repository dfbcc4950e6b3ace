import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonEmptyString, NonNegativeInteger, Open, StringList } from './primitives';

/** A connected (or known) node as listed by `node.list` and `node.describe`. */
export const NodeInfo = Open(
  {
    nodeId: NonEmptyString,
    displayName: Type.Optional(NonEmptyString),
    platform: Type.Optional(NonEmptyString),
    version: Type.Optional(NonEmptyString),
    deviceFamily: Type.Optional(NonEmptyString),
    clientId: Type.Optional(NonEmptyString),
    commands: StringList,
    caps: Type.Optional(StringList),
    connected: Type.Boolean(),
    connectedAtMs: Type.Optional(NonNegativeInteger),
    remoteIp: Type.Optional(NonEmptyString),
    /** The node has been approved at least once (it is in the gateway's node pairing store). */
    paired: Type.Optional(Type.Boolean()),
    approvedAtMs: Type.Optional(NonNegativeInteger),
    /**
     * `approved`: every declared command is approved; `pending-approval`: a request waits for an
     * operator (`commands` lists only the approved ones); `unapproved`: connected, never approved,
     * no request open (it was rejected).
     */
    approvalState: Type.Optional(Type.Union([Type.Literal('approved'), Type.Literal('pending-approval'), Type.Literal('unapproved')])),
    /** The open `node.pair.*` request (shown to operators with `operator.pairing`). */
    pendingRequestId: Type.Optional(NonEmptyString),
    /** The commands the node declares while its request is pending (shown with `pendingRequestId`). */
    pendingDeclaredCommands: Type.Optional(StringList),
    pendingDeclaredCaps: Type.Optional(StringList),
  },
  { $id: 'NodeInfo' },
);
export type NodeInfo = Static<typeof NodeInfo>;

/** `node.list` params: none. */
export const NodeListParams = Closed({}, { $id: 'NodeListParams' });
export type NodeListParams = Static<typeof NodeListParams>;
/** `node.list` result. */
export const NodeListResult = Open({ ts: NonNegativeInteger, nodes: Type.Array(NodeInfo) }, { $id: 'NodeListResult' });
export type NodeListResult = Static<typeof NodeListResult>;

/** `node.describe` params. */
export const NodeDescribeParams = Closed({ nodeId: NonEmptyString }, { $id: 'NodeDescribeParams' });
export type NodeDescribeParams = Static<typeof NodeDescribeParams>;

/** `node.invoke` params (operator → gateway). `idempotencyKey` is required. */
export const NodeInvokeParams = Closed(
  {
    nodeId: NonEmptyString,
    command: NonEmptyString,
    params: Type.Optional(Type.Unknown()),
    timeoutMs: Type.Optional(NonNegativeInteger),
    idempotencyKey: NonEmptyString,
    sessionKey: Type.Optional(NonEmptyString),
    turnSourceChannel: Type.Optional(Type.String()),
    turnSourceTo: Type.Optional(Type.String()),
    turnSourceAccountId: Type.Optional(Type.String()),
    turnSourceThreadId: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  },
  { $id: 'NodeInvokeParams' },
);
export type NodeInvokeParams = Static<typeof NodeInvokeParams>;

/** `node.invoke` result: the node's answer, as a value and as JSON text. */
export const NodeInvokeResult = Open(
  {
    ok: Type.Boolean(),
    nodeId: NonEmptyString,
    command: NonEmptyString,
    payload: Type.Optional(Type.Unknown()),
    payloadJSON: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { $id: 'NodeInvokeResult' },
);
export type NodeInvokeResult = Static<typeof NodeInvokeResult>;

/** `node.invoke.request` event (gateway → node, unsequenced). */
export const NodeInvokeRequestEvent = Open(
  {
    id: NonEmptyString,
    nodeId: NonEmptyString,
    command: NonEmptyString,
    /** The params as JSON text, or absent/null when none. */
    paramsJSON: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    /** Remaining time budget, ms. */
    timeoutMs: Type.Optional(NonNegativeInteger),
    idempotencyKey: Type.Optional(NonEmptyString),
    sessionKey: Type.Optional(NonEmptyString),
  },
  { $id: 'NodeInvokeRequestEvent' },
);
export type NodeInvokeRequestEvent = Static<typeof NodeInvokeRequestEvent>;

/** `node.invoke.cancel` event (gateway → node): stop working on `invokeId`. */
export const NodeInvokeCancelEvent = Open(
  { invokeId: NonEmptyString, nodeId: NonEmptyString, reason: Type.Optional(Type.String()) },
  { $id: 'NodeInvokeCancelEvent' },
);
export type NodeInvokeCancelEvent = Static<typeof NodeInvokeCancelEvent>;

/** `node.invoke.result` params (node → gateway). */
export const NodeInvokeResultParams = Closed(
  {
    id: NonEmptyString,
    nodeId: NonEmptyString,
    ok: Type.Boolean(),
    payload: Type.Optional(Type.Unknown()),
    payloadJSON: Type.Optional(Type.String()),
    error: Type.Optional(Closed({ code: Type.Optional(NonEmptyString), message: Type.Optional(NonEmptyString) })),
  },
  { $id: 'NodeInvokeResultParams' },
);
export type NodeInvokeResultParams = Static<typeof NodeInvokeResultParams>;

/** A plain acknowledgement `{ok: true}`. */
export const OkResult = Open({ ok: Type.Literal(true) }, { $id: 'OkResult' });
export type OkResult = Static<typeof OkResult>;

/** `node.event` params (node → gateway). */
export const NodeEventParams = Closed(
  { event: NonEmptyString, payload: Type.Optional(Type.Unknown()), payloadJSON: Type.Optional(Type.String()) },
  { $id: 'NodeEventParams' },
);
export type NodeEventParams = Static<typeof NodeEventParams>;

/** `node.event` result. */
export const NodeEventResult = Open(
  { ok: Type.Literal(true), event: NonEmptyString, handled: Type.Boolean(), reason: Type.Optional(Type.String()) },
  { $id: 'NodeEventResult' },
);
export type NodeEventResult = Static<typeof NodeEventResult>;
