import type { ConnectionInfo } from '../connection/connection-info';
import type { GatewayErrorEvent, RefusedEvent } from './gateway-events';

/** How the core tells the public gateway object what happened. */
export interface CoreNotifier {
  connection(info: ConnectionInfo): void;
  disconnect(info: ConnectionInfo, code: number, reason: string): void;
  refused(event: RefusedEvent): void;
  error(event: GatewayErrorEvent): void;
  /** `true` when a listener handled the node event. */
  nodeEvent(node: ConnectionInfo, event: string, payload: unknown): boolean;
}
