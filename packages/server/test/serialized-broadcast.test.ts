import { defineEvent, defineEvents, defineMethod, type StateVersion } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { SerializedBroadcast } from '../src/index';
import { serializeBroadcast } from '../src/events/serialized-broadcast';
import { encodeServerTextFrame } from '../src/transport/websocket-frame';
import { connectClient, startTestGateway } from './helpers/fixtures';

describe('SerializedBroadcast.frame', () => {
  it('builds the frame for each seq, reusing it for recipients in a row with the same seq', () => {
    const broadcast = new SerializedBroadcast(1, { event: 'app.note', payload: { n: 1 }, scope: 'everyone', droppable: false });
    const first = broadcast.frame(7);
    expect(JSON.parse(first)).toEqual({ type: 'event', event: 'app.note', payload: { n: 1 }, seq: 7 });
    expect(broadcast.frame(7)).toBe(first);
    expect(JSON.parse(broadcast.frame(8))).toMatchObject({ seq: 8 });
    expect(JSON.parse(broadcast.frame(7))).toMatchObject({ seq: 7 });
    broadcast.releaseFrame();
    expect(JSON.parse(broadcast.frame(8))).toMatchObject({ seq: 8 });
  });

  it('frames the text once per run of recipients as an unmasked WebSocket text frame', () => {
    const broadcast = new SerializedBroadcast(2, { event: 'app.note', payload: { text: 'héllo ✓' }, scope: 'everyone', droppable: false });
    const wire = broadcast.wireFrame(3);
    const payload = Buffer.from(broadcast.frame(3), 'utf8');
    expect(wire.subarray(0, 2)).toEqual(Buffer.from([0x81, payload.length]));
    expect(wire.subarray(2)).toEqual(payload);
    expect(broadcast.wireFrame(3)).toBe(wire);
    expect(broadcast.wireFrame(4).subarray(2).toString('utf8')).toBe(broadcast.frame(4));
  });

  it('reaches clients as text frames', async () => {
    const note = defineEvent('app.note', { payload: Type.Object({ text: Type.String() }), scope: 'everyone' });
    const target = await startTestGateway({ events: defineEvents(note) });
    const { client } = await connectClient(target);
    const received = new Promise<{ text: string; isBinary: boolean }>((resolve) =>
      client.ws.once('message', (data, isBinary) => resolve({ text: data.toString(), isBinary })),
    );
    target.gateway.broadcast('app.note', { text: 'héllo ✓' });
    const frame = await received;
    expect(frame.isBinary).toBe(false);
    expect(JSON.parse(frame.text)).toMatchObject({ type: 'event', event: 'app.note', payload: { text: 'héllo ✓' }, seq: 2 }); // seq 1: the health after hello-ok
  });

  it('keeps the order over permessage-deflate: a broadcast never overtakes a frame `ws` is still compressing', async () => {
    const note = defineEvent('app.note', { payload: Type.Object({ text: Type.String() }), scope: 'everyone' });
    const big = defineMethod('app.big', { params: Type.Object({}), result: Type.Object({ text: Type.String() }), scope: 'operator.read' });
    const target = await startTestGateway({ events: defineEvents(note), perMessageDeflate: { thresholdBytes: 16 } });
    target.gateway.method(big, () => {
      // Sent right after the answer, whose compression `ws` finishes asynchronously.
      queueMicrotask(() => target.gateway.broadcast('app.note', { text: 'after' }));
      return { text: 'x'.repeat(5000) };
    });
    const { client } = await connectClient(target);
    expect(client.ws.extensions).toContain('permessage-deflate');
    const order: string[] = [];
    client.ws.on('message', (data) => order.push(String((JSON.parse(data.toString()) as { type: string }).type)));
    const event = client.nextEvent('app.note');
    expect(await client.request('app.big', {})).toMatchObject({ ok: true, payload: { text: 'x'.repeat(5000) } });
    expect(await event).toMatchObject({ seq: 2, payload: { text: 'after' } }); // seq 1: the health after hello-ok
    expect(order).toEqual(['res', 'event']);
  });
});

describe('serializeBroadcast', () => {
  it('is what JSON.stringify makes of the event frame, cut before the seq value', () => {
    const payloads: unknown[] = [
      { n: 1 },
      undefined,
      null,
      'héllo "✓"\u2028',
      0,
      [1, { deep: true }],
      () => 1,
      { toJSON: () => ({ replaced: true }) },
      { ok: true, ts: 1_796_227_237_482, durationMs: 0 },
      { ok: false, ts: Number.NaN, durationMs: -0 },
      { ok: true, ts: 5, durationMs: 1.25, checks: { db: 'up' } },
      { ts: 5, ok: true, durationMs: 0 },
      { ok: 1, ts: 5, durationMs: 0 },
      Object.assign(Object.create({ inherited: 1 }) as object, { ok: true, ts: 5, durationMs: 0 }),
    ];
    const stateVersions = [undefined, { presence: 2, health: 3 }, { health: 3, presence: 2 }, { presence: Number.POSITIVE_INFINITY, health: 0.5 }, { presence: '2', health: 3 }, { presence: 2, health: 3, x: 1 }] as unknown as (StateVersion | undefined)[];
    for (const event of ['app.note', 'health', 'we"ird\\event', 'health', 'app.note']) {
      for (const payload of payloads) {
        for (const stateVersion of stateVersions) {
          const message = { event, payload, scope: 'everyone' as const, droppable: false, ...(stateVersion === undefined ? {} : { stateVersion }) };
          const whole = JSON.stringify({ type: 'event', event, payload, ...(stateVersion === undefined ? {} : { stateVersion }), seq: 42 });
          expect(`${serializeBroadcast(message)}42}`).toBe(whole);
        }
      }
    }
  });
});

describe('encodeServerTextFrame', () => {
  it('uses the 7-bit, 16-bit and 64-bit payload lengths of RFC 6455 at their boundaries', () => {
    for (const [length, header] of [
      [0, [0x81, 0]],
      [125, [0x81, 125]],
      [126, [0x81, 126, 0, 126]],
      [65_535, [0x81, 126, 0xff, 0xff]],
      [65_536, [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]],
    ] as const) {
      const frame = encodeServerTextFrame('a'.repeat(length));
      expect([...frame.subarray(0, header.length)]).toEqual(header);
      expect(frame.length).toBe(header.length + length);
    }
  });

  it('counts the payload length in UTF-8 bytes, not characters', () => {
    const frame = encodeServerTextFrame('✓'.repeat(50));
    expect(frame[1]).toBe(126);
    expect(frame.readUInt16BE(2)).toBe(150);
    expect(frame.subarray(4).toString('utf8')).toBe('✓'.repeat(50));
  });
});
