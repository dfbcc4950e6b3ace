import type { NodePairingChange } from '@gatewire/server';
import type { InboxTransport } from './invoke-router';

/** A pairing change for a node connection served by another gateway. */
interface PairingNotice {
  readonly gatewayId: string;
  readonly nodeId: string;
  readonly change: NodePairingChange;
}

/**
 * Tells the gateway serving a node connection that the node's pairing changed through this one.
 * A notice that could not be published (this gateway had lost Redis) is kept, the latest per node
 * connection, and sent again by {@link resend} once Redis is back; at most one per node connection
 * this gateway knows of. A notice the serving gateway missed while it had lost Redis is covered by
 * that gateway re-reading its nodes' approvals when it reconnects (`resync`).
 */
export class PairingRelay {
  readonly #transport: InboxTransport;
  readonly #unsent = new Map<string, PairingNotice>();

  constructor(transport: InboxTransport) {
    this.#transport = transport;
  }

  /** Notices waiting for Redis. */
  get unsentCount(): number {
    return this.#unsent.size;
  }

  send(gatewayId: string, nodeId: string, connId: string, change: NodePairingChange): void {
    const notice = { gatewayId, nodeId, change };
    this.#unsent.delete(connId);
    this.#transport.send(gatewayId, { t: 'pairing', nodeId, connId, change }).catch(() => {
      // Unless a later notice for the same connection replaced it meanwhile.
      if (!this.#unsent.has(connId)) this.#unsent.set(connId, notice);
    });
  }

  /** Redis is back: publish the notices that failed. */
  resend(): void {
    const unsent = [...this.#unsent];
    this.#unsent.clear();
    for (const [connId, notice] of unsent) this.send(notice.gatewayId, notice.nodeId, connId, notice.change);
  }

  /** Gateway `gatewayId` is gone, and its node connections with it. */
  gatewayGone(gatewayId: string): void {
    for (const [connId, notice] of this.#unsent) if (notice.gatewayId === gatewayId) this.#unsent.delete(connId);
  }
}
