import type { NodePairRequest, PairedNode } from '@gatewire/protocol';

/** What a node declares on `connect` (its approval surface) and who it says it is. */
export interface NodeSurface {
  readonly nodeId: string;
  readonly displayName?: string | undefined;
  readonly platform?: string | undefined;
  readonly version?: string | undefined;
  readonly deviceFamily?: string | undefined;
  readonly clientId?: string | undefined;
  readonly caps: readonly string[];
  readonly commands: readonly string[];
  readonly remoteIp?: string | undefined;
}

/** How far a node is approved: its paired record and its open request, either may be absent. */
export interface NodeApproval {
  readonly paired: PairedNode | undefined;
  readonly request: NodePairRequest | undefined;
}

/** The approval fields of a node's listing (`node.list`, `node.describe`, the live route). */
export interface NodeApprovalView {
  /** The declared commands that are approved: the only ones `node.invoke` reaches. */
  readonly commands: string[];
  readonly paired: boolean;
  readonly approvedAtMs?: number;
  readonly approvalState: 'approved' | 'pending-approval' | 'unapproved';
  readonly pendingRequestId?: string;
  readonly pendingDeclaredCommands?: string[];
  readonly pendingDeclaredCaps?: string[];
}

/**
 * The approval view of a node that declares `declared`: `pending-approval` while a request is
 * open, else `approved` once paired, else `unapproved` (its request was rejected).
 */
export function approvalView(declared: readonly string[], declaredCaps: readonly string[], approval: NodeApproval): NodeApprovalView {
  const { paired, request } = approval;
  const approved = new Set(paired?.commands ?? []);
  return {
    commands: declared.filter((command) => approved.has(command)),
    paired: paired !== undefined,
    ...(paired === undefined ? {} : { approvedAtMs: paired.approvedAtMs }),
    approvalState: request !== undefined ? 'pending-approval' : paired !== undefined ? 'approved' : 'unapproved',
    ...(request === undefined ? {} : { pendingRequestId: request.requestId, pendingDeclaredCommands: [...declared], pendingDeclaredCaps: [...declaredCaps] }),
  };
}

/** Whether two command (or cap) lists hold the same names. */
export function sameNames(left: readonly string[], right: readonly string[]): boolean {
  const names = new Set(left);
  return names.size === new Set(right).size && right.every((name) => names.has(name));
}
