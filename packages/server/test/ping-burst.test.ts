import { defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { connectClient, startTestGateway } from './helpers/fixtures';

const appEvents = defineEvents(defineEvent('app.bulk', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone', droppable: true }));

interface TcpSocket {
  cork(): void;
  uncork(): void;
  pause(): void;
  resume(): void;
}

describe('pings from the client', () => {
  it('answers a burst of 500 pings sent in one write, and the socket stays open', async () => {
    const target = await startTestGateway();
    const { client } = await connectClient(target);
    let pongs = 0;
    const allPonged = new Promise<void>((resolve) =>
      client.ws.on('pong', () => {
        if ((pongs += 1) === 500) resolve();
      }),
    );
    const tcp = (client.ws as unknown as { _socket: TcpSocket })._socket;
    tcp.cork();
    for (let index = 0; index < 500; index += 1) client.ws.ping(String(index));
    tcp.uncork();
    await allPonged;
    expect(pongs).toBe(500);
    expect(await client.request('health')).toMatchObject({ ok: true });
  });

  it('closes 1008 "slow consumer" when a peer pings while its send buffer is over maxBufferedBytes', async () => {
    const target = await startTestGateway({ events: appEvents, maxBufferedBytes: 64 * 1024 });
    const { client } = await connectClient(target);
    const tcp = (client.ws as unknown as { _socket: TcpSocket })._socket;
    tcp.pause();
    const blob = 'z'.repeat(256 * 1024);
    for (let round = 0; round < 400 && (await target.gateway.status()).events.dropped === 0; round += 1) {
      target.gateway.broadcast('app.bulk', { blob });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await target.gateway.status()).events.dropped).toBeGreaterThan(0);
    client.ws.ping('late');
    tcp.resume();
    expect(await client.closed).toEqual({ code: 1008, reason: 'slow consumer' });
  });
});
