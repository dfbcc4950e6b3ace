import { CloseCodes, ErrorCodes, type ConnectParams, type RequestFrame, type Snapshot } from '@gatewire/protocol';
import type { AuditLog } from '../audit/audit-log';
import type { AuthRateLimiter } from '../auth/rate-limiter';
import type { Connection } from '../connection/connection';
import { connectionInfoOf, type ConnectionInfo } from '../connection/connection-info';
import type { PairingService } from '../devices/pairing-service';
import type { CoreNotifier } from '../gateway/core-notifier';
import type { ShutdownSequence } from '../gateway/shutdown';
import type { HostedSnapshot, HostHooks } from '../host-hooks/host-hooks';
import type { Probes } from '../instrumentation/probes';
import type { NodeApproval } from '../nodes/node-approval';
import type { NodePairingService } from '../nodes/node-pairing-service';
import { nodeSurfaceOf } from '../nodes/node-route';
import type { ResolvedGatewayOptions } from '../options/resolve-options';
import { admitConnect, type Admission, type AdmissionDependencies } from './admission';
import { ConnectRefusal } from './connect-refusal';
import type { HelloFacts } from './hello';
import { HelloOkFrames } from './hello-ok-frame';
import { isThenable, type MaybePromise } from './maybe-async';

/** What completing a handshake takes from the gateway. */
export interface ConnectCompletionParts {
  /** The options in force (they may be reconfigured between two handshakes). */
  options(): ResolvedGatewayOptions;
  readonly rateLimiter: AuthRateLimiter;
  readonly pairing: PairingService;
  readonly nodePairing: NodePairingService;
  readonly hostHooks: HostHooks;
  readonly shutdown: ShutdownSequence;
  readonly probes: Probes;
  readonly audit: AuditLog;
  readonly notifier: CoreNotifier;
  /** The gateway-wide facts of `hello-ok` (lists that are unchanged are the same arrays, see {@link HelloOkFrames}). */
  helloFacts(): HelloFacts;
  /** `hello-ok.snapshot`, taken right before it is sent. */
  snapshot(hosted: HostedSnapshot | undefined): Snapshot;
  /** `hello-ok` went out: start the connection's stream and record it as open. */
  opened(connection: Connection, info: ConnectionInfo, approval: NodeApproval | undefined, snapshot: Snapshot): void;
}

/**
 * The end of a handshake: admission (auth, device proof, pairing), a node's command approval and
 * the host's snapshot fields, then `hello-ok`, or the refusal with its close code, audit record and
 * `refused` event.
 */
export class ConnectCompletion {
  readonly #parts: ConnectCompletionParts;
  readonly #helloFrames = new HelloOkFrames();
  /** One object for every admission (the options are read when admission asks for them). */
  readonly #admissionDependencies: AdmissionDependencies;

  constructor(parts: ConnectCompletionParts) {
    this.#parts = parts;
    this.#admissionDependencies = {
      get options() {
        return parts.options();
      },
      rateLimiter: parts.rateLimiter,
      pairing: parts.pairing,
      delay: (ms) => parts.shutdown.delay(ms),
      lockedOut: (clientIp, lockedForMs) => parts.probes.authLockout(clientIp, lockedForMs),
    };
  }

  /**
   * Run admission for a `connect` request and answer `hello-ok` or the refusal. A handshake that
   * waits for nothing (no async hook or store, no node approval, no snapshot hook) is answered in
   * this turn, inside the write hold of the `connect` frame that started it.
   */
  begin(connection: Connection, frame: RequestFrame, params: ConnectParams): void {
    let admission: MaybePromise<Admission>;
    try {
      admission = admitConnect(connection, params, this.#admissionDependencies);
    } catch (error) {
      this.#failed(connection, frame.id, error);
      return;
    }
    if (isThenable(admission)) {
      admission.then(
        (admitted) => this.#admitted(connection, frame, params, admitted),
        (error: unknown) => this.#failed(connection, frame.id, error),
      );
      return;
    }
    this.#admitted(connection, frame, params, admission);
  }

  /** Admitted: wait for a node's command approval and the host's snapshot fields when there are any, then answer. */
  #admitted(connection: Connection, frame: RequestFrame, params: ConnectParams, admission: Admission): void {
    let info: ConnectionInfo;
    try {
      info = connectionInfoOf(connection, params, admission);
    } catch (error) {
      this.#failed(connection, frame.id, error);
      return;
    }
    const nodeId = info.role === 'node' ? info.deviceId : undefined;
    // Most handshakes wait for nothing else: answered now.
    if (nodeId === undefined && !this.#parts.hostHooks.shapeSnapshot) {
      this.#answer(connection, frame, admission, info, undefined, undefined);
      return;
    }
    this.#nodeApprovalAndHostedSnapshot(info, nodeId).then(
      ({ approval, hosted }) => this.#answer(connection, frame, admission, info, approval, hosted),
      (error: unknown) => this.#failed(connection, frame.id, error),
    );
  }

  /** Send `hello-ok` (with the first `health` event in the same write) and open the connection. */
  #answer(connection: Connection, frame: RequestFrame, admission: Admission, info: ConnectionInfo, approval: NodeApproval | undefined, hosted: HostedSnapshot | undefined): void {
    if (connection.state === 'closed' || !connection.writable) return;
    const parts = this.#parts;
    connection.clearHandshakeTimer();
    const snapshot = parts.snapshot(hosted);
    const facts = parts.helloFacts();
    const hello = this.#helloFrames.frame(frame.id, connection.connId, admission, snapshot, facts);
    connection.socket.setMaxPayload(facts.maxPayloadBytes);
    // `hello-ok` and the first `health` event leave in one write (already so when answered in the `connect` frame's turn).
    connection.socket.holdWritesUntilTickEnd?.();
    connection.sendFrame(hello);
    connection.authenticate(info);
    parts.opened(connection, info, approval, snapshot);
  }

  /** Admission or what follows it failed: answer a refusal as such, anything else as `UNAVAILABLE`, close 1011. */
  #failed(connection: Connection, requestId: string, error: unknown): void {
    if (error instanceof ConnectRefusal) {
      this.refuse(connection, requestId, error);
      return;
    }
    const parts = this.#parts;
    parts.notifier.error({ error, connId: connection.connId, method: 'connect' });
    parts.options().logger.error({ connId: connection.connId, err: error }, 'connect failed unexpectedly');
    this.refuse(connection, requestId, {
      error: { code: ErrorCodes.UNAVAILABLE, message: 'connect failed' },
      closeCode: CloseCodes.INTERNAL_ERROR,
      closeReason: 'connect failed',
    });
  }

  /** What an admitted node's commands are approved for, and the host's snapshot fields: each waited for when there is one. */
  async #nodeApprovalAndHostedSnapshot(info: ConnectionInfo, nodeId: string | undefined) {
    const parts = this.#parts;
    const approval = nodeId === undefined ? undefined : await parts.nodePairing.nodeConnected(nodeSurfaceOf(info, nodeId));
    const hosted = parts.hostHooks.shapeSnapshot ? await parts.hostHooks.snapshotFor(info) : undefined;
    return { approval, hosted };
  }

  /** Answer the refusal (when there is a request to answer), close, audit, and tell the host. */
  refuse(connection: Connection, requestId: string | undefined, refusal: Pick<ConnectRefusal, 'error' | 'closeCode' | 'closeReason'>): void {
    if (requestId !== undefined) connection.sendResponse(requestId, false, undefined, refusal.error);
    connection.close(refusal.closeCode, refusal.closeReason);
    const details = refusal.error.details as { code?: unknown } | undefined;
    this.#parts.audit.authFailed({
      connId: connection.connId,
      clientIp: connection.address.clientIp,
      errorCode: refusal.error.code,
      detailCode: typeof details?.code === 'string' ? details.code : undefined,
    });
    this.#parts.notifier.refused({ connId: connection.connId, clientIp: connection.address.clientIp, error: refusal.error, closeCode: refusal.closeCode });
    this.#parts.probes.handshakeAnswered(connection, undefined, refusal);
  }
}
