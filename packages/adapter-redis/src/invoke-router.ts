import type { NodeInvokeResultParams } from '@gatewire/protocol';
import type { LocalDelivery, TargetedMessage } from '@gatewire/server';
import type { InboxMessage } from './inbox-message';

/** How the router reaches other gateways. */
export interface InboxTransport {
  /** Publish to a gateway's inbox; resolves the number of receivers (0: nobody listens there). */
  send(gatewayId: string, message: InboxMessage): Promise<number>;
}

/** An invoke this gateway forwarded to one of its nodes for another gateway. */
interface ForwardedInvoke {
  readonly replyTo: string;
  readonly nodeConnId: string;
  readonly expiresAtMs: number;
}

/** Time a forwarded invoke is remembered past its deadline, ms (a late result is still routed). */
const FORWARD_GRACE_MS = 5_000;

/**
 * `node.invoke` across gateways. The caller's gateway keeps the pending invoke and its timer; the
 * node's gateway delivers the request and remembers who sent it, so the node's result, a cancel and
 * the node going away are routed back to the caller's gateway.
 */
export class InvokeRouter {
  readonly #gatewayId: string;
  readonly #transport: InboxTransport;
  readonly #forwarded = new Map<string, ForwardedInvoke>();
  #local: LocalDelivery | undefined;

  constructor(gatewayId: string, transport: InboxTransport) {
    this.#gatewayId = gatewayId;
    this.#transport = transport;
  }

  /** Invokes forwarded to nodes here and not answered yet. */
  get forwardedCount(): number {
    return this.#forwarded.size;
  }

  start(local: LocalDelivery): void {
    this.#local = local;
  }

  /**
   * Send a targeted event to connection `connId` on gateway `gatewayId`. A `node.invoke.request` that
   * cannot reach it fails the pending invokes on that node at once (`UNAVAILABLE`, retryable).
   */
  sendRemote(gatewayId: string, connId: string, message: TargetedMessage): void {
    const request = message.event === 'node.invoke.request';
    this.#transport.send(gatewayId, { t: 'send', from: this.#gatewayId, connId, event: message.event, payload: message.payload }).then(
      (receivers) => {
        if (receivers === 0 && request) this.#local?.nodeGone(connId);
      },
      () => {
        if (request) this.#local?.nodeGone(connId);
      },
    );
  }

  /** A message arrived on this gateway's inbox. */
  receive(message: InboxMessage): void {
    const local = this.#local;
    if (local === undefined) return;
    if (message.t === 'result') local.resolveInvoke(message.nodeConnId, message.result);
    else if (message.t === 'gone') local.nodeGone(message.nodeConnId);
    else if (message.t === 'pairing') local.nodePairingChanged(message.nodeId, message.connId, message.change);
    else this.#deliver(local, message);
  }

  #deliver(local: LocalDelivery, message: Extract<InboxMessage, { t: 'send' }>): void {
    const delivered = local.deliverToConnection(message.connId, { event: message.event, payload: message.payload });
    const payload = (message.payload ?? {}) as { id?: unknown; invokeId?: unknown; timeoutMs?: unknown };
    if (message.event === 'node.invoke.request' && typeof payload.id === 'string') {
      if (!delivered) {
        this.#reply(message.from, { t: 'gone', nodeConnId: message.connId });
        return;
      }
      const timeoutMs = typeof payload.timeoutMs === 'number' ? payload.timeoutMs : 0;
      this.#forwarded.set(payload.id, { replyTo: message.from, nodeConnId: message.connId, expiresAtMs: Date.now() + timeoutMs + FORWARD_GRACE_MS });
    } else if (message.event === 'node.invoke.cancel' && typeof payload.invokeId === 'string') {
      this.#forwarded.delete(payload.invokeId);
    }
  }

  /** A node here answered an invoke another gateway sent; `false` when none did. */
  forwardResult(nodeConnId: string, result: NodeInvokeResultParams): boolean {
    const forwarded = this.#forwarded.get(result.id);
    if (forwarded === undefined || forwarded.nodeConnId !== nodeConnId) return false;
    this.#forwarded.delete(result.id);
    this.#reply(forwarded.replyTo, { t: 'result', nodeConnId, result });
    return true;
  }

  /** A node connection here closed: tell every gateway with invokes pending on it. */
  nodeClosed(nodeConnId: string): void {
    const callers = new Set<string>();
    for (const [id, forwarded] of this.#forwarded) {
      if (forwarded.nodeConnId !== nodeConnId) continue;
      callers.add(forwarded.replyTo);
      this.#forwarded.delete(id);
    }
    for (const gatewayId of callers) this.#reply(gatewayId, { t: 'gone', nodeConnId });
  }

  /** Gateway `gatewayId` is gone: forget what it asked for. */
  gatewayGone(gatewayId: string): void {
    for (const [id, forwarded] of this.#forwarded) if (forwarded.replyTo === gatewayId) this.#forwarded.delete(id);
  }

  /** Forget forwarded invokes past their deadline (plus a grace period). */
  sweep(nowMs: number): void {
    for (const [id, forwarded] of this.#forwarded) if (forwarded.expiresAtMs <= nowMs) this.#forwarded.delete(id);
  }

  clear(): void {
    this.#forwarded.clear();
    this.#local = undefined;
  }

  #reply(gatewayId: string, message: InboxMessage): void {
    this.#transport.send(gatewayId, message).catch(() => {
      // The caller's gateway fails its pending invokes itself when it loses Redis or this gateway's lease.
    });
  }
}
