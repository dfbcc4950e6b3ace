import { Type, type Static } from '@sinclair/typebox';
import { Closed, NonEmptyString, NonNegativeInteger, Open, StringList } from './primitives';

/** What a node is and declares: the fields shared by a request and a paired node. */
const nodeSurface = {
  nodeId: NonEmptyString,
  displayName: Type.Optional(NonEmptyString),
  platform: Type.Optional(NonEmptyString),
  version: Type.Optional(NonEmptyString),
  deviceFamily: Type.Optional(NonEmptyString),
  clientId: Type.Optional(NonEmptyString),
  caps: StringList,
  commands: StringList,
  remoteIp: Type.Optional(NonEmptyString),
};

/**
 * A node's request to have its declared command surface approved, as listed by `node.pair.list`
 * and announced by `node.pair.requested`. A node whose surface changes gets a new request (a new
 * `requestId`); a request is never widened in place.
 */
export const NodePairRequest = Open(
  {
    requestId: NonEmptyString,
    ...nodeSurface,
    /** The node was approved before and now declares more. */
    isRepair: Type.Boolean(),
    /** Every scope the approving operator must hold (`operator.admin` for dangerous commands). */
    requiredApproveScopes: StringList,
    ts: NonNegativeInteger,
  },
  { $id: 'NodePairRequest' },
);
export type NodePairRequest = Static<typeof NodePairRequest>;

/** A paired (approved) node, whether connected or not. */
export const PairedNode = Open(
  {
    /** `commands` are the approved commands. */
    ...nodeSurface,
    createdAtMs: NonNegativeInteger,
    approvedAtMs: NonNegativeInteger,
    lastConnectedAtMs: Type.Optional(NonNegativeInteger),
  },
  { $id: 'PairedNode' },
);
export type PairedNode = Static<typeof PairedNode>;

/** `node.pair.list` params: none. */
export const NodePairListParams = Closed({}, { $id: 'NodePairListParams' });
export type NodePairListParams = Static<typeof NodePairListParams>;
/** `node.pair.list` result. */
export const NodePairListResult = Open({ pending: Type.Array(NodePairRequest), paired: Type.Array(PairedNode) }, { $id: 'NodePairListResult' });
export type NodePairListResult = Static<typeof NodePairListResult>;

/** `node.pair.approve` and `node.pair.reject` params. */
export const NodePairRequestParams = Closed({ requestId: NonEmptyString }, { $id: 'NodePairRequestParams' });
export type NodePairRequestParams = Static<typeof NodePairRequestParams>;
/** `node.pair.approve` result. */
export const NodePairApproveResult = Open({ requestId: NonEmptyString, node: PairedNode }, { $id: 'NodePairApproveResult' });
export type NodePairApproveResult = Static<typeof NodePairApproveResult>;
/** `node.pair.reject` result. */
export const NodePairRejectResult = Open({ requestId: NonEmptyString, nodeId: NonEmptyString }, { $id: 'NodePairRejectResult' });
export type NodePairRejectResult = Static<typeof NodePairRejectResult>;

/** `node.pair.remove` params. */
export const NodePairRemoveParams = Closed({ nodeId: NonEmptyString }, { $id: 'NodePairRemoveParams' });
export type NodePairRemoveParams = Static<typeof NodePairRemoveParams>;
/** `node.pair.remove` result. */
export const NodePairRemoveResult = Open({ nodeId: NonEmptyString }, { $id: 'NodePairRemoveResult' });
export type NodePairRemoveResult = Static<typeof NodePairRemoveResult>;

/** `node.rename` params (`displayName`: 1..120 characters). */
export const NodeRenameParams = Closed(
  { nodeId: NonEmptyString, displayName: Type.String({ minLength: 1, maxLength: 120 }) },
  { $id: 'NodeRenameParams' },
);
export type NodeRenameParams = Static<typeof NodeRenameParams>;
/** `node.rename` result. */
export const NodeRenameResult = Open({ nodeId: NonEmptyString, displayName: NonEmptyString }, { $id: 'NodeRenameResult' });
export type NodeRenameResult = Static<typeof NodeRenameResult>;

/** `node.pair.requested` event payload (to operators with `operator.pairing`). */
export const NodePairRequestedEvent = NodePairRequest;
export type NodePairRequestedEvent = NodePairRequest;

/** `node.pair.resolved` event payload; `requestId` is `""` for `removed`. */
export const NodePairResolvedEvent = Open(
  {
    requestId: Type.String(),
    nodeId: NonEmptyString,
    decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('removed')]),
    ts: NonNegativeInteger,
  },
  { $id: 'NodePairResolvedEvent' },
);
export type NodePairResolvedEvent = Static<typeof NodePairResolvedEvent>;
