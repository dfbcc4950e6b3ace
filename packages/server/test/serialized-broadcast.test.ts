import { defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { SerializedBroadcast } from '../src/index';
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

  it('encodes the bytes once per run of recipients, and they match the text', () => {
    const broadcast = new SerializedBroadcast(2, { event: 'app.note', payload: { text: 'héllo ✓' }, scope: 'everyone', droppable: false });
    const bytes = broadcast.frameBytes(3);
    expect(bytes.toString('utf8')).toBe(broadcast.frame(3));
    expect(broadcast.frameBytes(3)).toBe(bytes);
    expect(broadcast.frameBytes(4).toString('utf8')).toBe(broadcast.frame(4));
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
    expect(JSON.parse(frame.text)).toMatchObject({ type: 'event', event: 'app.note', payload: { text: 'héllo ✓' }, seq: 1 });
  });
});
