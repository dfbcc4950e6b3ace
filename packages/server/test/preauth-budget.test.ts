import { describe, expect, it } from 'vitest';
import { connectClient, connectParams, handshake, startTestGateway } from './helpers/fixtures';
import type { RawClient } from '@gatewire/test-harness';

const TOKEN = 'budget-token';
const EVICTED = { code: 1013, reason: 'evicted: too many unauthenticated connections from this address' };

describe('per-IP budget of unauthenticated sockets', () => {
  it('evicts the oldest idle socket instead of refusing the operator’s own client with 503', async () => {
    const target = await startTestGateway({ maxUnauthenticatedPerIp: 2 });
    const parked = [await target.open(), await target.open()];
    const { hello } = await connectClient(target);
    expect(hello).toMatchObject({ type: 'hello-ok' });
    expect(await parked[0]?.closed).toEqual(EVICTED);
    expect(parked[1]?.ws.readyState).toBe(1);
  });

  it('keeps at most the budget open from one address however many sockets it opens', async () => {
    const target = await startTestGateway({ maxUnauthenticatedPerIp: 3 });
    const sockets: RawClient[] = [];
    for (let index = 0; index < 10; index += 1) sockets.push(await target.open());
    for (const evicted of sockets.slice(0, 7)) expect(await evicted.closed).toEqual(EVICTED);
    for (const kept of sockets.slice(7)) {
      const { response } = await handshake(kept, connectParams());
      expect(response).toMatchObject({ ok: true });
    }
  });

  it('lets the right token in while the budget is full of delayed wrong-token attempts', async () => {
    const target = await startTestGateway({
      auth: { mode: 'token', token: TOKEN },
      maxUnauthenticatedPerIp: 2,
      authRateLimit: { loopbackDelayMs: 60_000, loopbackMaxDelayMs: 60_000 },
    });
    const attackers = [await target.open(), await target.open()];
    for (const attacker of attackers) {
      await attacker.nextEvent('connect.challenge');
      attacker.send({ type: 'req', id: 'c1', method: 'connect', params: connectParams({ auth: { token: 'wrong' } }) });
      // The gateway handles a socket's frames in order: the pong proves the connect was taken up,
      // so the attempt is held in the loopback failure delay (not idle) when the next one comes.
      const ponged = new Promise((resolve) => attacker.ws.once('pong', resolve));
      attacker.ws.ping();
      await ponged;
    }
    const { hello } = await connectClient(target, connectParams({ auth: { token: TOKEN } }));
    expect(hello).toMatchObject({ type: 'hello-ok' });
    expect(await attackers[0]?.closed).toEqual(EVICTED);
  });
});
