import type { ClusterGatewayStatus } from '@gatewire/protocol';

/** A gateway's entry in the gateway-info hash, written at each lease renewal. */
export interface GatewayInfo {
  readonly startedAtMs: number;
  readonly connections: ClusterGatewayStatus['connections'];
}

/** The counts of a gateway not started yet. */
export const NO_CONNECTIONS: ClusterGatewayStatus['connections'] = { total: 0, operator: 0, node: 0, unauthenticated: 0 };

function count(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** The info's JSON text. */
export function formatGatewayInfo(info: GatewayInfo): string {
  return JSON.stringify(info);
}

/** The {@link ClusterGatewayStatus} of a gateway-info hash entry (unreadable fields count as 0). */
export function parseGatewayInfo(gatewayId: string, text: string, selfId: string): ClusterGatewayStatus {
  let parsed: { startedAtMs?: unknown; connections?: Record<string, unknown> } = {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) parsed = value as typeof parsed;
  } catch {
    // An entry written by something else: listed with zero counts rather than hidden.
  }
  const connections = parsed.connections ?? {};
  return {
    gatewayId,
    self: gatewayId === selfId,
    startedAtMs: count(parsed.startedAtMs),
    connections: {
      total: count(connections['total']),
      operator: count(connections['operator']),
      node: count(connections['node']),
      unauthenticated: count(connections['unauthenticated']),
    },
  };
}

/** The gateways of a gateway-info hash, by start time, this gateway's counts taken live. */
export function clusterGatewayList(hash: Readonly<Record<string, string>>, self: { gatewayId: string; info: GatewayInfo }): ClusterGatewayStatus[] {
  const others = Object.entries(hash)
    .filter(([gatewayId]) => gatewayId !== self.gatewayId)
    .map(([gatewayId, text]) => parseGatewayInfo(gatewayId, text, self.gatewayId));
  const list = [{ gatewayId: self.gatewayId, self: true, ...self.info }, ...others];
  return list.sort((a, b) => a.startedAtMs - b.startedAtMs || a.gatewayId.localeCompare(b.gatewayId));
}
