import {
  ErrorCodes,
  MethodErrorDetailCodes,
  nodeDescribeMethod,
  nodeEventMethod,
  nodeInvokeMethod,
  nodeInvokeResultMethod,
  nodeListMethod,
  type NodeEventParams,
  type NodeInfo,
  type NodeInvokeParams,
  type NodeInvokeResult,
  type NodeInvokeResultParams,
} from '@gatewire/protocol';
import { MethodError } from '../errors/method-error';
import type { GatewayRuntime } from '../gateway/runtime';
import type { MethodContext } from '../methods/method-context';
import type { MethodRegistry } from '../methods/method-registry';
import { approvalView } from './node-approval';
import { listKnownNodes } from './node-catalog';

/** `node.invoke` failures a retry can cure: the node may answer next time, or on its new connection. */
const RETRYABLE_INVOKE_FAILURES: ReadonlySet<string> = new Set(['TIMEOUT', 'UNAVAILABLE', 'ROUTE_CHANGED']);

function parsePayloadJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function knownNodes(runtime: GatewayRuntime, context: MethodContext): Promise<NodeInfo[]> {
  return listKnownNodes(runtime.adapter.listNodes(), await runtime.nodePairing.list(), context.connection.scopes);
}

/** Tell the instrumentation how a `node.invoke` ended (see `NodeInvokeEvent.outcome`). */
function invokeEnded(runtime: GatewayRuntime, params: NodeInvokeParams, startedAt: number, outcome: string): void {
  const instrumentation = runtime.instrumentation;
  if (!instrumentation.wants('node-invoke')) return;
  instrumentation.publish('node-invoke', { nodeId: params.nodeId, command: params.command, outcome, durationMs: performance.now() - startedAt });
}

async function invoke(runtime: GatewayRuntime, params: NodeInvokeParams, context: MethodContext): Promise<NodeInvokeResult> {
  const startedAt = performance.now();
  const node = runtime.adapter.getNode(params.nodeId);
  const failure = (code: string, message: string, retryable = false, extra: Record<string, unknown> = {}) =>
    new MethodError(ErrorCodes.UNAVAILABLE, message, { details: { code, nodeId: params.nodeId, command: params.command, ...extra }, retryable });
  if (node === undefined) {
    invokeEnded(runtime, params, startedAt, 'UNAVAILABLE');
    throw failure('UNAVAILABLE', `node not connected: ${params.nodeId}`, true);
  }
  if (!node.declaredCommands.includes(params.command)) {
    invokeEnded(runtime, params, startedAt, 'POLICY_CHANGED');
    throw new MethodError(ErrorCodes.INVALID_REQUEST, `node command not allowed: ${params.command}`, {
      details: { code: 'POLICY_CHANGED', nodeId: params.nodeId, command: params.command },
    });
  }
  if (!node.commands.includes(params.command)) {
    // The route may predate an approval made through another gateway a moment ago (the node's
    // gateway applies it next): the store decides.
    const approval = approvalView(node.declaredCommands, node.declaredCaps, await runtime.nodePairing.approvalOf(node.nodeId));
    if (!approval.commands.includes(params.command)) {
      invokeEnded(runtime, params, startedAt, MethodErrorDetailCodes.PAIRING_CHANGED);
      throw failure(MethodErrorDetailCodes.PAIRING_CHANGED, `node command not approved yet: ${params.command}`, true, {
        approvalState: approval.approvalState,
        ...(approval.pendingRequestId === undefined ? {} : { requestId: approval.pendingRequestId }),
      });
    }
  }
  const timeoutMs = params.timeoutMs ?? runtime.options.nodeInvokeTimeoutMs;
  const outcome = await runtime.nodeInvoker.invoke(node.nodeId, node.connId, params, timeoutMs, context.signal);
  if (!outcome.ok) {
    invokeEnded(runtime, params, startedAt, outcome.code);
    throw failure(outcome.code, outcome.message, RETRYABLE_INVOKE_FAILURES.has(outcome.code));
  }
  invokeEnded(runtime, params, startedAt, outcome.result.ok ? 'ok' : 'error');
  const answer = outcome.result;
  if (!answer.ok) {
    throw failure(answer.error?.code ?? 'UNAVAILABLE', answer.error?.message ?? `node command failed: ${params.command}`);
  }
  return {
    ok: true,
    nodeId: node.nodeId,
    command: params.command,
    payload: answer.payload ?? parsePayloadJson(answer.payloadJSON) ?? null,
    payloadJSON: answer.payloadJSON ?? null,
  };
}

/** Register `node.list`, `node.describe`, `node.invoke`, `node.invoke.result` and `node.event`. */
export function registerNodeMethods(registry: MethodRegistry, runtime: GatewayRuntime): void {
  registry.register(nodeListMethod, async (_params, context) => ({ ts: Date.now(), nodes: await knownNodes(runtime, context) }));
  registry.register(nodeDescribeMethod, async (params, context) => {
    const { nodeId } = params as { nodeId: string };
    const node = (await knownNodes(runtime, context)).find((known) => known.nodeId === nodeId);
    if (node === undefined) throw new MethodError(ErrorCodes.INVALID_REQUEST, `unknown node: ${nodeId}`, { details: { nodeId } });
    return node;
  });
  // Least privilege: invoking a dangerous command (e.g. system.run) takes operator.admin.
  const authorizedInvoke: typeof nodeInvokeMethod = {
    ...nodeInvokeMethod,
    authorize: (params) => (runtime.nodePairing.isDangerous(params.command) ? ['operator.admin'] : undefined),
  };
  registry.register(authorizedInvoke, (params, context) => invoke(runtime, params as NodeInvokeParams, context));
  registry.register(nodeInvokeResultMethod, (params, context) => {
    const result = params as NodeInvokeResultParams;
    const connId = context.connection.connId;
    const accepted = runtime.nodeInvoker.resolve(connId, result) || runtime.adapter.forwardInvokeResult?.(connId, result) === true;
    return accepted ? { ok: true } : { ok: true, ignored: true };
  });
  registry.register(nodeEventMethod, (params, context) => {
    const { event, payload, payloadJSON } = params as NodeEventParams;
    const node = context.connection.deviceId === undefined ? undefined : runtime.adapter.getNode(context.connection.deviceId);
    if (node?.paired !== true) {
      throw new MethodError(ErrorCodes.UNAVAILABLE, 'node is not approved yet', {
        details: { code: MethodErrorDetailCodes.PAIRING_CHANGED, event },
        retryable: true,
      });
    }
    const handled = runtime.nodeEvent(context.connection, event, payload ?? parsePayloadJson(payloadJSON));
    return { ok: true, event, handled, ...(handled ? {} : { reason: 'no_handler' }) };
  });
}
