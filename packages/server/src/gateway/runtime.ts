import type { EventScope, HealthSnapshot, PresenceEntry, StatusResult } from '@gatewire/protocol';
import type { GatewayAdapter } from '../cluster/adapter';
import type { ConnectionInfo } from '../connection/connection-info';
import type { PairingService } from '../devices/pairing-service';
import type { Instrumentation } from '../instrumentation/instrumentation';
import type { NodeInvoker } from '../nodes/node-invoker';
import type { NodePairingService } from '../nodes/node-pairing-service';
import type { ResolvedGatewayOptions } from '../options/resolve-options';

/** The gateway internals the built-in methods use. */
export interface GatewayRuntime {
  readonly options: ResolvedGatewayOptions;
  readonly adapter: GatewayAdapter;
  readonly pairing: PairingService;
  readonly nodeInvoker: NodeInvoker;
  readonly nodePairing: NodePairingService;
  readonly instrumentation: Instrumentation;
  /** The `health` method's answer (the host's `health` hook when set). */
  health(): HealthSnapshot | Promise<HealthSnapshot>;
  /** The gateway's own `status` result. */
  status(): StatusResult;
  /** The `status` method's answer to `caller` (the host's `status` hook when set). */
  statusFor(caller: ConnectionInfo, signal: AbortSignal): StatusResult | Promise<StatusResult>;
  presence(): PresenceEntry[];
  /** Broadcast an event by name (scope from its definition unless given). */
  broadcastEvent(event: string, payload: unknown, scope?: EventScope): void;
  /** Whether connection `connId` is on this gateway. */
  servesConnection(connId: string): boolean;
  /** Close a node's connection 4001 (its pairing was removed); `false` when it is not on this gateway. */
  closeNodeConnection(connId: string, reason: string): boolean;
  /** A node reported an event; `true` when a host listener handled it. */
  nodeEvent(node: ConnectionInfo, event: string, payload: unknown): boolean;
}
