import {
  ErrorCodes,
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
import type { NodeRoute } from '../cluster/adapter';
import { MethodError } from '../errors/method-error';
import type { GatewayRuntime } from '../gateway/runtime';
import type { MethodContext } from '../methods/method-context';
import type { MethodRegistry } from '../methods/method-registry';

function toNodeInfo(route: NodeRoute): NodeInfo {
  const { connId: _connId, ...info } = route;
  return info;
}

function parsePayloadJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function invoke(runtime: GatewayRuntime, params: NodeInvokeParams, context: MethodContext): Promise<NodeInvokeResult> {
  const node = runtime.adapter.getNode(params.nodeId);
  const failure = (code: string, message: string, retryable = false) =>
    new MethodError(ErrorCodes.UNAVAILABLE, message, { details: { code, nodeId: params.nodeId, command: params.command }, retryable });
  if (node === undefined) throw failure('UNAVAILABLE', `node not connected: ${params.nodeId}`, true);
  if (!node.commands.includes(params.command)) {
    throw new MethodError(ErrorCodes.INVALID_REQUEST, `node command not allowed: ${params.command}`, {
      details: { code: 'POLICY_CHANGED', nodeId: params.nodeId, command: params.command },
    });
  }
  const timeoutMs = params.timeoutMs ?? runtime.options.nodeInvokeTimeoutMs;
  const outcome = await runtime.nodeInvoker.invoke(node.nodeId, node.connId, params, timeoutMs, context.signal);
  if (!outcome.ok) throw failure(outcome.code, outcome.message, outcome.code === 'TIMEOUT' || outcome.code === 'UNAVAILABLE');
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
  registry.register(nodeListMethod, () => ({ ts: Date.now(), nodes: runtime.adapter.listNodes().map(toNodeInfo) }));
  registry.register(nodeDescribeMethod, (params) => {
    const { nodeId } = params as { nodeId: string };
    const node = runtime.adapter.getNode(nodeId);
    if (node === undefined) throw new MethodError(ErrorCodes.INVALID_REQUEST, `unknown node: ${nodeId}`, { details: { nodeId } });
    return toNodeInfo(node);
  });
  registry.register(nodeInvokeMethod, (params, context) => invoke(runtime, params as NodeInvokeParams, context));
  registry.register(nodeInvokeResultMethod, (params, context) => {
    const result = params as NodeInvokeResultParams;
    const connId = context.connection.connId;
    const accepted = runtime.nodeInvoker.resolve(connId, result) || runtime.adapter.forwardInvokeResult?.(connId, result) === true;
    return accepted ? { ok: true } : { ok: true, ignored: true };
  });
  registry.register(nodeEventMethod, (params, context) => {
    const { event, payload, payloadJSON } = params as NodeEventParams;
    const handled = runtime.nodeEvent(context.connection, event, payload ?? parsePayloadJson(payloadJSON));
    return { ok: true, event, handled, ...(handled ? {} : { reason: 'no_handler' }) };
  });
}
