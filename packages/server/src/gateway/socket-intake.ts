import { randomUUID } from 'node:crypto';
import { CloseCodes, parseFrame, RESUME_CAPABILITY } from '@gatewire/protocol';
import { acceptedCredentialKinds, lockoutKey } from '../auth/credential-kind';
import type { AuthRateLimiter } from '../auth/rate-limiter';
import { Connection, type ConnectionSettings } from '../connection/connection';
import type { ConnectionRegistry } from '../connection/connection-registry';
import { handlePreAuthFrame, type HandshakeHost } from '../handshake/handshake-session';
import { evictOldestUnauthenticated } from '../handshake/preauth-eviction';
import { checkUpgrade, type UpgradeRefusal } from '../http/upgrade-guard';
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

  constructor(parts: SocketIntakeParts) {
    this.#parts = parts;
  }

  /** Resolve where an upgrade request comes from. */
  clientAddress(request: UpgradeRequest): ClientAddress {
    return resolveClientAddress(request.remoteAddress, request.headers, this.#parts.options(), request.viaUnixSocket ?? false);
  }

  /** The refusal for an upgrade, or `undefined` to accept it. */
  checkUpgrade(request: UpgradeRequest, address: ClientAddress): UpgradeRefusal | undefined {
    const { connections, rateLimiter } = this.#parts;
    const options = this.#parts.options();
    const refusal = checkUpgrade(request, address, {
      draining: this.#parts.draining(),
      totalConnections: connections.size,
      maxConnections: options.maxConnections,
      maxUnauthenticatedPerIp: options.maxUnauthenticatedPerIp,
      unauthenticatedFrom: (ip) => connections.unauthenticatedFrom(ip),
      evictUnauthenticated: (ip) => evictOldestUnauthenticated(connections, ip),
      authLockedForMs: (client) => rateLimiter.lockedForAllMs(
        acceptedCredentialKinds(options.authMode).map((kind) => lockoutKey(kind, client.clientIp)),
        client.isLoopbackClient,
      ),
    });
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
    const offered = parts.offersResume ? { capabilities: [RESUME_CAPABILITY] } : {};
    connection.sendEvent('connect.challenge', { nonce: connection.nonce, ts: Date.now(), ...offered });
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
