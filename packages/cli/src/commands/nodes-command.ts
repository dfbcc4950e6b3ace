import type { Command } from 'commander';
import type { NodeInfo, NodeListResult, NodePairApproveResult, NodePairListResult, NodePairRejectResult, NodePairRemoveResult, NodePairRequest } from '@gatewire/protocol';
import { withGatewayClient, type CliClient } from '../connect-client';
import type { CommandContext } from '../context';
import { printJson } from '../output/io';
import { resolveTarget, type TargetFlags } from '../target';
import { withTargetOptions } from './target-options';

interface NodeFlags extends TargetFlags {
  timeout: number;
  json: boolean;
}

/** `node.list` needs `operator.read`; `operator.pairing` adds each node's open request id. */
const LIST_SCOPES = ['operator.read', 'operator.pairing'];
/** `node.pair.list`, `reject` and `remove`. Approving asks in addition for what the request needs. */
const PAIRING_SCOPES = ['operator.pairing'];

function commandList(commands: readonly string[]): string {
  return commands.length === 0 ? '-' : commands.join(',');
}

function nodeLine(node: NodeInfo): string {
  const request = node.pendingRequestId === undefined ? '' : `  request ${node.pendingRequestId}`;
  return `  ${node.nodeId}  ${node.displayName ?? '?'}  ${node.connected ? 'connected' : 'offline'}  ${node.approvalState ?? 'approved'}  commands ${commandList(node.commands)}${request}`;
}

function requestLine(request: NodePairRequest): string {
  const repair = request.isRepair ? '  (repair)' : '';
  return `  ${request.requestId}  node ${request.nodeId}  ${request.displayName ?? '?'}  commands ${commandList(request.commands)}  needs ${request.requiredApproveScopes.join(' + ')}${repair}`;
}

function listPairing(client: CliClient): Promise<NodePairListResult> {
  return client.request('node.pair.list', {}) as Promise<NodePairListResult>;
}

function approve(client: CliClient, requestId: string): Promise<NodePairApproveResult> {
  return client.request('node.pair.approve', { requestId }) as Promise<NodePairApproveResult>;
}

/** `gatewire nodes list|pending|approve|reject|remove`: node pairing from the command line. */
export function registerNodes(program: Command, context: CommandContext): void {
  const nodes = program.command('nodes').description('list nodes; approve, reject or remove their command surfaces');
  const connect = async <T>(flags: NodeFlags, scopes: readonly string[], use: (client: CliClient) => Promise<T>): Promise<T> =>
    withGatewayClient(context, await resolveTarget(flags, context.home, context.io.env), { scopes, timeoutMs: flags.timeout }, use);

  withTargetOptions(nodes.command('list'))
    .description('known nodes (connected, and paired ones that are offline) with their approval state')
    .action(async (flags: NodeFlags) => {
      const list = await connect(flags, LIST_SCOPES, (client) => client.request('node.list', {}) as Promise<NodeListResult>);
      if (flags.json) return printJson(context.io, list);
      context.io.out(context.io.style.bold(`Nodes (${list.nodes.length})`));
      for (const node of list.nodes) context.io.out(nodeLine(node));
    });

  withTargetOptions(nodes.command('pending'))
    .description('pending node pairing requests, with the scopes approving each one needs')
    .action(async (flags: NodeFlags) => {
      const { pending } = await connect(flags, PAIRING_SCOPES, listPairing);
      if (flags.json) return printJson(context.io, pending);
      context.io.out(context.io.style.bold(`Pending (${pending.length})`));
      for (const request of pending) context.io.out(requestLine(request));
    });

  withTargetOptions(nodes.command('approve'))
    .description('approve a pending request (connects with the scopes it needs: operator.admin for dangerous commands)')
    .argument('<requestId>', 'the request id from `gatewire nodes pending`')
    .action(async (requestId: string, flags: NodeFlags) => {
      // The approver must hold what the request needs, so read it first and ask only for that. An id
      // not listed goes to the gateway as it is: it answers APPROVAL_NOT_FOUND (or approves a request
      // that appeared in between).
      const first = await connect(flags, PAIRING_SCOPES, async (client) => {
        const request = (await listPairing(client)).pending.find((candidate) => candidate.requestId === requestId);
        return request ?? approve(client, requestId);
      });
      const result =
        'requiredApproveScopes' in first
          ? await connect(flags, [...new Set([...PAIRING_SCOPES, ...first.requiredApproveScopes])], (client) => approve(client, requestId))
          : first;
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Approved ${requestId}: node ${result.node.nodeId} may serve ${commandList(result.node.commands)}`);
    });

  withTargetOptions(nodes.command('reject'))
    .description('reject a pending request')
    .argument('<requestId>', 'the request id from `gatewire nodes pending`')
    .action(async (requestId: string, flags: NodeFlags) => {
      const result = await connect(flags, PAIRING_SCOPES, (client) => client.request('node.pair.reject', { requestId }) as Promise<NodePairRejectResult>);
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Rejected ${requestId} (node ${result.nodeId})`);
    });

  withTargetOptions(nodes.command('remove'))
    .description('forget a paired node and disconnect it (close 4001)')
    .argument('<nodeId>', 'the node id from `gatewire nodes list --json`')
    .action(async (nodeId: string, flags: NodeFlags) => {
      const result = await connect(flags, PAIRING_SCOPES, (client) => client.request('node.pair.remove', { nodeId }) as Promise<NodePairRemoveResult>);
      if (flags.json) return printJson(context.io, result);
      context.io.out(`Removed node ${result.nodeId}`);
    });
}
