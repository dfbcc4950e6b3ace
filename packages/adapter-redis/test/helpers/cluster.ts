import type { EventMap } from '@gatewire/protocol';
import { createGateway, type Gateway, type GatewayOptions } from '@gatewire/server';
import { afterEach } from 'vitest';
import { createRedisAdapter, type RedisAdapter, type RedisAdapterOptions } from '../../src/index';
import { completeHandshake, connectParams, createTestDevice, RawClient, serveOnLoopback, signConnect, type ConnectParamsSource, type FaultProxy, type Frame } from '@gatewire/test-harness';

export { connectParams } from '@gatewire/test-harness';

const cleanups: Array<() => Promise<unknown> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Run `cleanup` after the current test (in reverse order of registration). */
export function onCleanup(cleanup: () => Promise<unknown> | void): void {
  cleanups.push(cleanup);
}

/** The bearer token of `GET /metrics` on a cluster gateway started with `metrics`. */
export const SCRAPE_TOKEN = 'cluster-scrape-token';

/** An in-process gateway on the Redis adapter, on 127.0.0.1 port 0 (serving `/metrics` when `options.metrics` is set). */
export interface ClusterGateway<E extends EventMap = EventMap> {
  readonly gateway: Gateway<E>;
  readonly adapter: RedisAdapter;
  readonly url: string;
  readonly port: number;
  /** Stop it gracefully (idempotent). */
  close(): Promise<void>;
}

export async function startClusterGateway<E extends EventMap = EventMap>(
  redisUrl: string,
  options: GatewayOptions<E> = {},
  adapterOptions: Partial<RedisAdapterOptions> = {},
): Promise<ClusterGateway<E>> {
  const adapter = await createRedisAdapter({ url: redisUrl, ...adapterOptions });
  const gateway = createGateway<E>({ adapter, shutdownTimeoutMs: 500, authRateLimit: { loopbackDelayMs: 1, loopbackMaxDelayMs: 5 }, ...options });
  const metricsRoute = options.metrics === undefined || options.metrics === false ? undefined : gateway.metricsRoute({ scrapeToken: SCRAPE_TOKEN });
  const { url, port, close } = await serveOnLoopback(gateway, metricsRoute);
  onCleanup(close);
  return { gateway, adapter, url, port, close };
}

/**
 * Cut a gateway whose Redis connections go through `proxy` off Redis (connections reset, reconnects
 * refused) and wait until it says so; the returned function lets it reconnect and waits until it is healthy.
 */
export async function cutOffFromRedis(gateway: { readonly adapter: RedisAdapter }, proxy: FaultProxy): Promise<() => Promise<void>> {
  proxy.refuseNew(true);
  proxy.dropConnections();
  await eventually(() => gateway.adapter.health().ok, (ok) => !ok);
  return async () => {
    proxy.refuseNew(false);
    await eventually(() => gateway.adapter.health().ok, (ok) => ok);
  };
}

/** Open a client and complete the handshake (closed after the test). */
export async function connect(url: string, params: ConnectParamsSource = connectParams()): Promise<{ client: RawClient; hello: Record<string, unknown> }> {
  const client = await RawClient.open(url);
  onCleanup(() => client.close());
  const hello = await completeHandshake(client, params);
  return { client, hello };
}

/** Connect a node (role node, signed device) that serves `commands`. */
export async function connectNode(url: string, commands: string[] = ['echo']): Promise<{ node: RawClient; nodeId: string }> {
  const device = await createTestDevice();
  const params = connectParams({
    role: 'node',
    scopes: [],
    commands,
    client: { id: 'node-host', version: '1.0.0', platform: 'linux', mode: 'node' },
  });
  const { client } = await connect(url, (challenge) => signConnect(params, device, challenge));
  return { node: client, nodeId: device.deviceId };
}

/** Connect a node to `url` and have an operator there approve its commands (node pairing). */
export async function connectApprovedNode(url: string, commands: string[] = ['echo']): Promise<{ node: RawClient; nodeId: string }> {
  const { node, nodeId } = await connectNode(url, commands);
  const { client: approver } = await connect(url);
  const { pending } = (await approver.request('node.pair.list'))['payload'] as { pending: Array<{ requestId: string; nodeId: string }> };
  const request = pending.find((candidate) => candidate.nodeId === nodeId);
  if (request === undefined) throw new Error(`no pairing request for node ${nodeId}`);
  const approved = await approver.request('node.pair.approve', { requestId: request.requestId });
  if (approved.ok !== true) throw new Error(`node.pair.approve failed: ${JSON.stringify(approved['error'])}`);
  return { node, nodeId };
}

/** The connection id in a `hello-ok`. */
export function connIdOf(hello: Record<string, unknown>): string {
  return (hello['server'] as { connId: string }).connId;
}

/** Poll `read` until `accept` says yes (a backstop for state that converges without an event). */
export async function eventually<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export type { Frame };
