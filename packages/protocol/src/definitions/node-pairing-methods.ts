import {
  NodePairApproveResult,
  NodePairListParams,
  NodePairListResult,
  NodePairRejectResult,
  NodePairRemoveParams,
  NodePairRemoveResult,
  NodePairRequestParams,
  NodeRenameParams,
  NodeRenameResult,
} from '../schema/node-pairing';
import { defineMethod } from './define';
import { CONTROL_PLANE_WRITE_RATE_LIMIT } from './method-authorization';

/** `node.pair.list`: pending node approval requests and paired nodes. */
export const nodePairListMethod = defineMethod('node.pair.list', {
  params: NodePairListParams,
  result: NodePairListResult,
  scope: 'operator.pairing',
  description: 'Pending node approval requests and paired nodes.',
});

/**
 * `node.pair.approve`: approve a node's declared commands. The caller must also hold every scope of
 * the request's `requiredApproveScopes` (`operator.admin` when a dangerous command is declared).
 */
export const nodePairApproveMethod = defineMethod('node.pair.approve', {
  params: NodePairRequestParams,
  result: NodePairApproveResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  description: "Approve a node's declared commands; takes effect on the live connection.",
});

/** `node.pair.reject`: reject a pending node approval request. */
export const nodePairRejectMethod = defineMethod('node.pair.reject', {
  params: NodePairRequestParams,
  result: NodePairRejectResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  description: 'Reject a pending node approval request.',
});

/** `node.pair.remove`: forget a paired node; its live connection is closed 4001 "node removed". */
export const nodePairRemoveMethod = defineMethod('node.pair.remove', {
  params: NodePairRemoveParams,
  result: NodePairRemoveResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  description: 'Forget a paired node and disconnect it.',
});

/** `node.rename`: set the display name of a paired node. */
export const nodeRenameMethod = defineMethod('node.rename', {
  params: NodeRenameParams,
  result: NodeRenameResult,
  scope: 'operator.pairing',
  rateLimit: CONTROL_PLANE_WRITE_RATE_LIMIT,
  description: 'Set the display name of a paired node.',
});
