import { describe, expect, it } from 'vitest';
import { SerializedBroadcast } from '../src/index';

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
});
