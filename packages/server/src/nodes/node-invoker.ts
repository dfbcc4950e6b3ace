import { randomUUID } from 'node:crypto';
import type { NodeInvokeFailureCode, NodeInvokeParams, NodeInvokeResultParams } from '@gatewire/protocol';
import type { TargetedMessage } from '../cluster/adapter';

/** How a pending invoke ended. */
export type InvokeOutcome =
  | { readonly ok: true; readonly result: NodeInvokeResultParams }
  | { readonly ok: false; readonly code: NodeInvokeFailureCode; readonly message: string };

interface PendingInvoke {
  readonly nodeId: string;
  readonly nodeConnId: string;
  readonly timer: NodeJS.Timeout;
  readonly finish: (outcome: InvokeOutcome) => void;
}

/** How the invoker reaches nodes. */
export interface NodeTransport {
  send(connId: string, message: TargetedMessage): boolean;
  /** The connection a node is reachable on now (on any gateway), if any. */
  routeOf(nodeId: string): string | undefined;
}

/**
 * `node.invoke` in flight: sends `node.invoke.request` to the node (unsequenced), waits for its
 * `node.invoke.result`, and ends with a timeout, the caller's abort (the node gets
 * `node.invoke.cancel`) or the node going away.
 */
export class NodeInvoker {
  readonly #pending = new Map<string, PendingInvoke>();
  readonly #transport: NodeTransport;

  constructor(transport: NodeTransport) {
    this.#transport = transport;
  }

  get size(): number {
    return this.#pending.size;
  }

  invoke(nodeId: string, nodeConnId: string, params: NodeInvokeParams, timeoutMs: number, signal: AbortSignal): Promise<InvokeOutcome> {
    const id = randomUUID();
    const deadline = Date.now() + timeoutMs;
    return new Promise<InvokeOutcome>((resolve) => {
      const onAbort = () => {
        this.#cancel(id, 'caller disconnected');
        finish({ ok: false, code: 'ABORTED', message: 'node invoke aborted' });
      };
      const finish = (outcome: InvokeOutcome) => {
        const pending = this.#pending.get(id);
        if (pending === undefined) return;
        clearTimeout(pending.timer);
        this.#pending.delete(id);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        this.#cancel(id, 'timeout');
        finish({ ok: false, code: 'TIMEOUT', message: `node invoke timed out after ${timeoutMs} ms` });
      }, timeoutMs);
      this.#pending.set(id, { nodeId, nodeConnId, timer, finish });
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const sent = this.#transport.send(nodeConnId, {
        event: 'node.invoke.request',
        payload: {
          id,
          nodeId,
          command: params.command,
          paramsJSON: params.params === undefined ? null : JSON.stringify(params.params),
          timeoutMs: Math.max(0, deadline - Date.now()),
          idempotencyKey: params.idempotencyKey,
          ...(params.sessionKey === undefined ? {} : { sessionKey: params.sessionKey }),
        },
      });
      if (!sent) finish({ ok: false, code: 'UNAVAILABLE', message: 'node is not connected' });
    });
  }

  /** A node answered; `false` when no pending invoke matches (late, unknown, or another node's). */
  resolve(nodeConnId: string, result: NodeInvokeResultParams): boolean {
    const pending = this.#pending.get(result.id);
    if (pending === undefined || pending.nodeConnId !== nodeConnId || pending.nodeId !== result.nodeId) return false;
    pending.finish({ ok: true, result });
    return true;
  }

  /**
   * A node connection went away: its pending invokes fail, with `ROUTE_CHANGED` when the node is
   * reachable on another connection by now (a retry reaches it there), else `UNAVAILABLE`.
   */
  nodeGone(nodeConnId: string): void {
    for (const pending of [...this.#pending.values()]) {
      if (pending.nodeConnId !== nodeConnId) continue;
      const route = this.#transport.routeOf(pending.nodeId);
      if (route !== undefined && route !== nodeConnId) pending.finish({ ok: false, code: 'ROUTE_CHANGED', message: 'node reconnected on another connection; retry' });
      else pending.finish({ ok: false, code: 'UNAVAILABLE', message: 'node disconnected' });
    }
  }

  /** Fail every pending invoke (shutdown). */
  abortAll(): void {
    for (const pending of [...this.#pending.values()]) pending.finish({ ok: false, code: 'ABORTED', message: 'gateway shutting down' });
  }

  #cancel(id: string, reason: string): void {
    const pending = this.#pending.get(id);
    if (pending === undefined) return;
    this.#transport.send(pending.nodeConnId, { event: 'node.invoke.cancel', payload: { invokeId: id, nodeId: pending.nodeId, reason } });
  }
}
