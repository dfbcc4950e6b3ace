/**
 * The Redis keys and channels of one cluster. Every key carries the hash tag `{<cluster>}`, so the
 * scripts (which touch several keys) stay on one slot.
 */
export interface ClusterKeys {
  /** HASH: `e` epoch, `s` last offset, `p:<gatewayId>` last publish number applied. */
  readonly meta: string;
  /** STREAM: the ordered log, entry id `<offset>-0`, field `m`. */
  readonly log: string;
  /** Channel: every log entry as `<epoch>:<offset>:<entry>`. */
  readonly bus: string;
  /** ZSET: gateway id → lease expiry (Redis time, ms). */
  readonly gateways: string;
  /** HASH: gateway id → its status (JSON), for `gatewire status`. */
  readonly gatewayInfo: string;
  /** HASH: node id → `{g, route}` (JSON). */
  readonly nodes: string;
  /** Prefix of the per-gateway keys (`presence:<id>`, `nodes:<id>`), built in the scripts. */
  readonly gatewayPrefix: string;
  /** HASH: a gateway's presence entries, key → entry (JSON). */
  presence(gatewayId: string): string;
  /** SET: the node ids a gateway registered. */
  gatewayNodes(gatewayId: string): string;
  /** Channel: directed messages to one gateway. */
  inbox(gatewayId: string): string;
}

/** The keys of the cluster `cluster` under `prefix`. */
export function clusterKeys(prefix: string, cluster: string): ClusterKeys {
  const base = `${prefix}:{${cluster}}:`;
  return {
    meta: `${base}meta`,
    log: `${base}log`,
    bus: `${base}bus`,
    gateways: `${base}gateways`,
    gatewayInfo: `${base}gateway-info`,
    nodes: `${base}nodes`,
    gatewayPrefix: base,
    presence: (gatewayId) => `${base}presence:${gatewayId}`,
    gatewayNodes: (gatewayId) => `${base}nodes:${gatewayId}`,
    inbox: (gatewayId) => `${base}inbox:${gatewayId}`,
  };
}
