import { DeviceIdentity, deviceAuth, GatewayClient, nodeInvoke } from '@gatewire/client/node';
import type { PresenceEntry } from '@gatewire/protocol';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisServer } from '@gatewire/test-harness';
import { ExitCodes } from '../src/exit-codes';
import { runCli, startCli, tempHome } from './helpers/spawn-cli';

const TOKEN = 'cli-redis-cluster-token-0123456789';
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function home(): Promise<NodeJS.ProcessEnv> {
  const created = await tempHome();
  cleanups.push(created.cleanup);
  return { GATEWIRE_HOME: created.dir };
}

/** The gateways' own presence entries (`mode: "gateway"`) in a presence list. */
function gatewayEntries(entries: readonly PresenceEntry[]): PresenceEntry[] {
  return entries.filter((entry) => entry.mode === 'gateway');
}

/** Resolves once `client` knows presence entries of `count` gateways: now, or from a later `presence` event. */
async function gatewaysInPresence(client: GatewayClient, count: number): Promise<PresenceEntry[]> {
  const changed = new Promise<PresenceEntry[]>((resolve) =>
    client.onEvent('presence', (payload) => {
      const gateways = gatewayEntries(payload.presence);
      if (gateways.length >= count) resolve(gateways);
    }),
  );
  const now = gatewayEntries((await client.request('system-presence')) as PresenceEntry[]);
  return now.length >= count ? now : changed;
}

/** A real redis-server and two `gatewire start --redis` gateways on it (stopped after the test). */
async function twoGatewaysOnRedis() {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.kill());
    const a = await startCli(['--port', '0', '--log-level', 'warn', '--token', TOKEN, '--redis', redis.url], await home());
    cleanups.push(a.stop);
    const b = await startCli(['--port', '0', '--log-level', 'warn', '--token', TOKEN, '--redis', redis.url], await home());
    cleanups.push(b.stop);
  return { redis, a, b };
}

describe('gatewire start --redis (real binary, real redis-server)', () => {
  it('two gateways on one Redis form a cluster: each lists both gateways in presence', async () => {
    const { redis, b } = await twoGatewaysOnRedis();
    const client = new GatewayClient({ url: b.url, auth: { token: TOKEN }, scopes: ['operator.read'], reconnect: false });
    cleanups.push(() => client.close());
    await client.connect();
    expect(await gatewaysInPresence(client, 2)).toHaveLength(2);
    const inspect = createClient({ url: redis.url });
    await inspect.connect();
    cleanups.push(() => inspect.destroy());
    expect(await inspect.zCard('gatewire:{default}:gateways')).toBe(2);
  }, 60_000);

  it('gatewire status lists the cluster\'s gateways with their connection counts', async () => {
    const { a, b } = await twoGatewaysOnRedis();
    const clients = [0, 1].map(() => new GatewayClient({ url: b.url, auth: { token: TOKEN }, scopes: ['operator.read'], reconnect: false }));
    for (const client of clients) {
      cleanups.push(() => client.close());
      await client.connect();
    }
    const env = await home();
    interface Listed {
      gatewayId: string;
      self: boolean;
      connections: { total: number; operator: number };
    }
    // Counts travel with each gateway's lease renewal (every second): ask until B's two clients show.
    const deadline = Date.now() + 20_000;
    let gateways: Listed[] = [];
    while (!(gateways.length === 2 && gateways.some((gateway) => !gateway.self && gateway.connections.operator === 2))) {
      if (Date.now() > deadline) throw new Error(`status never listed both gateways with B's 2 clients: ${JSON.stringify(gateways)}`);
      const result = await runCli(['status', '--url', a.url, '--token', TOKEN, '--json'], env);
      expect(result.code).toBe(ExitCodes.OK);
      gateways = (JSON.parse(result.stdout) as { gateways: Listed[] }).gateways;
    }
    // The answering gateway counts the status call's own connection, live.
    expect(gateways.find((gateway) => gateway.self)?.connections).toMatchObject({ total: 1, operator: 1 });
    const text = await runCli(['status', '--url', a.url, '--token', TOKEN], env);
    expect(text.stdout).toMatch(/Cluster +2 gateways/);
    expect(text.stdout).toMatch(/\(this one\): 1 connections \(operators 1,/);
    expect(text.stdout).toMatch(/: 2 connections \(operators 2, nodes 0, unauthenticated 0\), up /);
  }, 90_000);

  it('node approvals are shared: a node pending through A is listed and approved through B, and A sees it paired', async () => {
    const { a, b } = await twoGatewaysOnRedis();
    const device = await DeviceIdentity.generate();
    const node = new GatewayClient({ url: a.url, role: 'node', commands: ['echo'], nodeInvoke: nodeInvoke(), auth: { token: TOKEN }, deviceAuth: deviceAuth({ device }), reconnect: false });
    cleanups.push(() => node.close());
    await node.connect();
    const operator = (url: string) => {
      const client = new GatewayClient({ url, auth: { token: TOKEN }, scopes: ['operator.pairing', 'operator.write'], reconnect: false });
      cleanups.push(() => client.close());
      return client;
    };
    const onA = operator(a.url);
    const onB = operator(b.url);
    await Promise.all([onA.connect(), onB.connect()]);
    const { pending } = await onB.request('node.pair.list');
    expect(pending.map((request) => request.nodeId)).toEqual([device.deviceId]);
    await onB.request('node.pair.approve', { requestId: pending[0]?.requestId ?? '' });
    const listedOnA = await onA.request('node.pair.list');
    expect(listedOnA.pending).toEqual([]);
    expect(listedOnA.paired.map((paired) => paired.nodeId)).toEqual([device.deviceId]);
  }, 60_000);

  it('refuses a Redis it cannot use with exit code 3, naming the URL without its password', async () => {
    const redis = await RedisServer.start({ args: ['--requirepass', 'right-password'] });
    cleanups.push(() => redis.kill());
    const url = `redis://:wrong-password@127.0.0.1:${redis.port}`;
    const result = await runCli(['start', '--port', '0', '--token', TOKEN, '--redis', url], await home());
    expect(result.code).toBe(ExitCodes.CONFIG);
    expect(result.stderr).toMatch(/cannot join the cluster on Redis: REDIS_AUTH_FAILED: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/? refused the credentials/);
    expect(result.stderr).not.toContain('wrong-password');
  }, 60_000);
});
