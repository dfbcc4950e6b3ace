import type { Role } from '@gatewire/protocol';
import type { ResumeResult } from '@gatewire/protocol';
import type { BroadcastMessage } from '../cluster/adapter';
import type { Connection } from '../connection/connection';
import type { GatewayCounters } from '../connection/counters';
import type { ConnectRefusal } from '../handshake/connect-refusal';
import type { UpgradeRefusal } from '../http/upgrade-guard';
import type { Instrumentation } from './instrumentation';

/**
 * The core's side of the instrumentation seam: one method per point worth observing, each a
 * listener check (and a counter) before anything is built, so the core's code reads as one call.
 */
export class Probes {
  readonly #instrumentation: Instrumentation;
  readonly #counters: GatewayCounters;

  constructor(instrumentation: Instrumentation, counters: GatewayCounters) {
    this.#instrumentation = instrumentation;
    this.#counters = counters;
  }

  upgradeRefused(refusal: UpgradeRefusal, clientIp: string): void {
    if (!this.#instrumentation.wants('upgrade-refused')) return;
    this.#instrumentation.publish('upgrade-refused', { status: refusal.status, type: refusal.body.error.type, clientIp });
  }

  /** A handshake ended: `hello-ok` for `role`, or `refusal`. */
  handshakeAnswered(connection: Connection, role: Role | undefined, refusal: Pick<ConnectRefusal, 'error' | 'closeCode'> | undefined): void {
    if (!this.#instrumentation.wants('handshake')) return;
    const detail = (refusal?.error.details as { code?: unknown } | undefined)?.code;
    this.#instrumentation.publish('handshake', {
      connId: connection.connId,
      clientIp: connection.address.clientIp,
      outcome: refusal === undefined ? 'ok' : 'refused',
      role,
      errorCode: refusal?.error.code,
      refusalCode: typeof detail === 'string' ? detail : refusal?.error.code,
      closeCode: refusal?.closeCode,
      durationMs: Date.now() - connection.openedAtMs,
    });
  }

  connectionOpened(connection: Connection): void {
    if (connection.info === undefined || !this.#instrumentation.wants('connection-opened')) return;
    this.#instrumentation.publish('connection-opened', { connection: connection.info });
  }

  /** A socket closed; `stateBefore` is where its connection was then. */
  connectionClosed(connection: Connection, stateBefore: Exclude<Connection['state'], 'closed'>, code: number, reason: string): void {
    if (!this.#instrumentation.wants('connection-closed')) return;
    this.#instrumentation.publish('connection-closed', {
      connId: connection.connId,
      clientIp: connection.address.clientIp,
      state: stateBefore,
      connection: connection.info,
      code,
      reason,
      openForMs: Date.now() - connection.openedAtMs,
    });
  }

  /** A connection is being closed 1008 "slow consumer". */
  slowConsumer(connection: Connection): void {
    this.#counters.slowConsumerCloses += 1;
    if (!this.#instrumentation.wants('slow-consumer')) return;
    this.#instrumentation.publish('slow-consumer', {
      connId: connection.connId,
      clientIp: connection.address.clientIp,
      role: connection.info?.role,
      bufferedBytes: connection.socket.bufferedAmount,
    });
  }

  resumeAnswered(connId: string, result: ResumeResult): void {
    const replayed = result.recovered ? result.replayed : 0;
    this.#counters.eventsReplayed += replayed;
    if (!this.#instrumentation.wants('resume')) return;
    this.#instrumentation.publish('resume', { connId, outcome: result.recovered ? 'recovered' : result.reason, replayed });
  }

  /** A broadcast is handed to this gateway's connections. */
  broadcastDelivered(message: BroadcastMessage, sequenced: boolean): void {
    if (this.#instrumentation.wants('broadcast')) this.#instrumentation.publish('broadcast', { event: message.event, scope: message.scope, sequenced });
  }

  authLockout(clientIp: string, lockedForMs: number): void {
    if (this.#instrumentation.wants('auth-lockout')) this.#instrumentation.publish('auth-lockout', { clientIp, lockedForMs });
  }
}
