import { createHash } from 'node:crypto';
import { base64UrlDecode, GatewayIdentityResult, SystemInfoResult } from '@gatewire/protocol';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { connectClient, connectParams, errorOf, startTestGateway } from './helpers/fixtures';

describe('last-heartbeat, gateway.identity.get and system.info', () => {
  it('answer an operator.read client over a real socket, in the reference shapes', async () => {
    const target = await startTestGateway();
    const { client, hello } = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    const methods = (hello['features'] as { methods: string[] }).methods;
    expect(methods).toEqual(expect.arrayContaining(['last-heartbeat', 'gateway.identity.get', 'system.info']));

    expect(await client.request('last-heartbeat')).toMatchObject({ ok: true, payload: null });

    const identity = (await client.request('gateway.identity.get'))['payload'] as GatewayIdentityResult;
    expect(Value.Check(GatewayIdentityResult, identity)).toBe(true);
    const raw = base64UrlDecode(identity.publicKey);
    expect(raw?.length).toBe(32);
    expect(identity.deviceId).toBe(createHash('sha256').update(raw as Uint8Array).digest('hex'));
    expect((await client.request('gateway.identity.get'))['payload'], 'one identity per gateway').toEqual(identity);

    const info = (await client.request('system.info'))['payload'] as SystemInfoResult;
    expect([...Value.Errors(SystemInfoResult, info)].map((error) => `${error.path}: ${error.message}`)).toEqual([]);
    expect(info.nodeVersion).toBe(process.version);
    expect(info.pid).toBe(process.pid);
    expect(info.protocol).toBe(4);
    expect(info.processMemory.rssBytes).toBeGreaterThan(0);
    expect(info.processMemory.heapUsedBytes).toBeLessThanOrEqual(info.processMemory.heapTotalBytes);
    expect(info.uptimeMs).toBeLessThan(process.uptime() * 1000 + 1);
    expect(info.eventLoop.delayMaxMs).toBeGreaterThanOrEqual(info.eventLoop.delayP99Ms);
  });

  it('measure the event-loop delay: a blocked loop shows in the next system.info', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target, connectParams({ scopes: ['operator.read'] }));
    await client.request('system.info');
    // The read reset the histogram, whose first sample after a reset only re-arms it: let two
    // sampler turns (20 ms) pass before the block.
    await new Promise((resolve) => setTimeout(resolve, 45));
    // Hold the loop for 120 ms; the 20 ms sampler's timer then fires late, once the loop turns again
    // (the delay is recorded when that timer runs, so let one timer turn pass before asking).
    const until = Date.now() + 120;
    while (Date.now() < until) {
      // busy: the event loop cannot run the sampler
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
    const info = (await client.request('system.info'))['payload'] as SystemInfoResult;
    expect(info.eventLoop.delayMaxMs).toBeGreaterThanOrEqual(90);
    expect(info.eventLoop.intervalMs).toBeGreaterThanOrEqual(165);
  });

  it('are refused without operator.read, as the reference scopes them', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target, connectParams({ scopes: ['operator.pairing'] }));
    for (const method of ['last-heartbeat', 'gateway.identity.get', 'system.info']) {
      expect(errorOf(await client.request(method)), method).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE', missingScope: 'operator.read' } });
    }
  });
});
