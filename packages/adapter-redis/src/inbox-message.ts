import type { NodeInvokeResultParams } from '@gatewire/protocol';
import type { NodePairingChange } from '@gatewire/server';

/** A directed message on a gateway's inbox channel. */
export type InboxMessage =
  /** Deliver an unsequenced event to connection `connId` of the receiving gateway (`from` sent it). */
  | { readonly t: 'send'; readonly from: string; readonly connId: string; readonly event: string; readonly payload: unknown }
  /** A node answered an invoke the receiving gateway sent. */
  | { readonly t: 'result'; readonly nodeConnId: string; readonly result: NodeInvokeResultParams }
  /** A node connection is gone: invokes pending on it fail. */
  | { readonly t: 'gone'; readonly nodeConnId: string }
  /** The pairing of node `nodeId`, connected here on `connId`, changed through another gateway. */
  | { readonly t: 'pairing'; readonly nodeId: string; readonly connId: string; readonly change: NodePairingChange };

const PAIRING_CHANGES: ReadonlySet<unknown> = new Set<NodePairingChange>(['approval', 'removed']);

/** Parse an inbox message; `undefined` when malformed. */
export function parseInboxMessage(text: string): InboxMessage | undefined {
  try {
    const message = JSON.parse(text) as Partial<InboxMessage> | null;
    if (message === null || typeof message !== 'object') return undefined;
    if (message.t === 'send' && typeof message.from === 'string' && typeof message.connId === 'string' && typeof message.event === 'string') return message as InboxMessage;
    if (message.t === 'result' && typeof message.nodeConnId === 'string' && typeof message.result === 'object' && message.result !== null) return message as InboxMessage;
    if (message.t === 'gone' && typeof message.nodeConnId === 'string') return message as InboxMessage;
    if (message.t === 'pairing' && typeof message.nodeId === 'string' && typeof message.connId === 'string' && PAIRING_CHANGES.has(message.change)) return message as InboxMessage;
    return undefined;
  } catch {
    return undefined;
  }
}
