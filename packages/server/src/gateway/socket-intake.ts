import { randomUUID } from 'node:crypto';
import { CloseCodes, parseFrame } from '@gatewire/protocol';
import { acceptedCredentialKinds, lockoutKey } from '../auth/credential-kind';
import type { AuthRateLimiter } from '../auth/rate-limiter';
import { Connection, type ConnectionSettings } from '../connection/connection';
import type { ConnectionRegistry } from '../connection/connection-registry';
import { challengeFrame } from '../handshake/challenge-frame';
import { handlePreAuthFrame, type HandshakeHost } from '../handshake/handshake-session';
import { evictOldestUnauthenticated } from '../handshake/preauth-eviction';
import { checkUpgrade, type UpgradeGuardState, type UpgradeRefusal } from '../http/upgrade-guard';
import type { Probes } from '../instrumentation/probes';
import { refuseInvalidFrame } from '../methods/invalid-frame';
import type { MethodRouter } from '../methods/method-router';
import { resolveClientAddress, type ClientAddress } from '../net/client-address';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import type { GatewaySocket } from '../transport/socket';
import type { UpgradeRequest } from '../transport/upgrade-request';
import { ConnectionHandlers, type ConnectionEventsHost } from './connection-handlers';
import type { CoreNotifier } from './core-notifier';

/** What the intake of sockets and frames takes from the gateway. */
export interface SocketIntakeParts {
  /** The options in force (they may be reconfigured). */
  options(): ResolvedGatewayOptions;
  draining(): boolean;
  readonly connections: ConnectionRegistry;
  readonly rateLimiter: AuthRateLimiter;
  readonly probes: Probes;
  /** Shared by every connection (none of it can be reconfigured). */
  readonly connectionSettings: ConnectionSettings;
  /** Whether `connect.challenge` offers the resume capability. */
  readonly offersResume: boolean;
  readonly router: MethodRouter;
  readonly notifier: CoreNotifier;
  /** Where a connection's handshake frames and socket events go. */
  readonly host: HandshakeHost & ConnectionEventsHost;
}

/**
 * Where sockets and frames enter the gateway: the upgrade checks (draining, connection cap,
 * per-IP budget of unauthenticated sockets, auth lockout), the client's address, taking over an
 * open socket (challenge, handshake timer), and each frame to the handshake or the method router.
 */
export class SocketIntake {
  readonly #parts: SocketIntakeParts;
  readonly #guardState: UpgradeGuardState;

  constructor(parts: SocketIntakeParts) {
    this.#parts = parts;
    this.#guardState = new IntakeGuardState(parts);
  }

  /** Resolve where an upgrade request comes from. */
  clientAddress(request: UpgradeRequest): ClientAddress {
    return resolveClientAddress(request.remoteAddress, request.headers, this.#parts.options(), request.viaUnixSocket ?? false);
  }

  /** The refusal for an upgrade, or `undefined` to accept it. */
  checkUpgrade(request: UpgradeRequest, address: ClientAddress): UpgradeRefusal | undefined {
    const refusal = checkUpgrade(request, address, this.#guardState);
    if (refusal !== undefined) this.#parts.probes.upgradeRefused(refusal, address.clientIp);
    return refusal;
  }

  /** Take over an open socket: challenge, handshake timer, frame handling. */
  accept(socket: GatewaySocket, request: UpgradeRequest, address: ClientAddress): void {
    const parts = this.#parts;
    const connection = new Connection(randomUUID(), socket, request, address, randomUUID(), parts.connectionSettings);
    parts.connections.add(connection);
    socket.setMaxPayload(parts.options().preAuthMaxPayloadBytes);
    socket.listen(new ConnectionHandlers(parts.host, connection));
    if (parts.draining()) {
      connection.close(CloseCodes.SERVICE_RESTART, 'service restart');
      return;
    }
    connection.startHandshakeTimer(parts.options().handshakeTimeoutMs);
    connection.sendEventFrame(challengeFrame(connection.nonce, Date.now(), parts.offersResume));
  }

  /** A frame arrived on a connection's socket: to the handshake before `hello-ok`, to the router after. */
  frame(connection: Connection, text: string, byteLength: number): void {
    if (connection.state === 'closed') return;
    if (connection.state !== 'open') {
      handlePreAuthFrame(this.#parts.host, connection, text, byteLength);
      return;
    }
    if (byteLength > this.#parts.options().maxPayloadBytes) {
      connection.close(CloseCodes.MESSAGE_TOO_BIG, 'payload too large');
      return;
    }
    const parsed = parseFrame(text);
    if (!parsed.ok || parsed.frame.type !== 'req') {
      refuseInvalidFrame(connection, parsed);
      return;
    }
    try {
      this.#parts.router.dispatch(connection, parsed.frame);
    } catch (error) {
      this.#parts.notifier.error({ error, connId: connection.connId });
    }
  }
}

/** What the upgrade guard reads of the gateway, read when it asks: one object for every upgrade. */
class IntakeGuardState implements UpgradeGuardState {
  readonly #parts: SocketIntakeParts;

  constructor(parts: SocketIntakeParts) {
    this.#parts = parts;
  }

  get draining(): boolean {
    return this.#parts.draining();
  }

  get totalConnections(): number {
    return this.#parts.connections.size;
  }

  get maxConnections(): number {
    return this.#parts.options().maxConnections;
  }

  get maxUnauthenticatedPerIp(): number {
    return this.#parts.options().maxUnauthenticatedPerIp;
  }

  unauthenticatedFrom(clientIp: string): number {
    return this.#parts.connections.unauthenticatedFrom(clientIp);
  }

  evictUnauthenticated(clientIp: string): boolean {
    return evictOldestUnauthenticated(this.#parts.connections, clientIp);
  }

  authLockedForMs(client: ClientAddress): number {
    const { rateLimiter } = this.#parts;
    // No failure on record anywhere (the usual case): no lockout keys to build.
    if (rateLimiter.isEmpty) return 0;
    const keys = acceptedCredentialKinds(this.#parts.options().authMode).map((kind) => lockoutKey(kind, client.clientIp));
    return rateLimiter.lockedForAllMs(keys, client.isLoopbackClient);
  }
}
