import { monitorEventLoopDelay } from 'node:perf_hooks';
import { defineEvent, defineEvents } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { connectClient, startTestGateway } from '../helpers/fixtures';

const appEvents = defineEvents(defineEvent('app.bulk', { payload: Type.Object({ blob: Type.String() }), scope: 'everyone', droppable: true }));
const CLIENTS = 100;
const EVENT_BYTES = 1024 * 1024;
const BURST = 8;
/** A generous ceiling, not a timing race: one undivided burst stalled the loop for seconds. */
const MAX_EVENT_LOOP_DELAY_MS = 1_000;

const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('one broadcast to many slow readers', () => {
  it(`keeps the event loop responsive: ${CLIENTS} paused readers, a burst of ${BURST} × 1 MiB`, async () => {
    const target = await startTestGateway({ events: appEvents, maxBufferedBytes: 2 * 1024 * 1024 });
    const clients = [];
    for (let index = 0; index < CLIENTS; index += 1) clients.push(await connectClient(target));
    for (const { client } of clients) (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const blob = 'b'.repeat(EVENT_BYTES);
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    await turn();
    const before = target.gateway.instrumentation.snapshot().events;
    for (let index = 0; index < BURST; index += 1) target.gateway.broadcast('app.bulk', { blob });
    const delivered = () => {
      const { sent, dropped } = target.gateway.instrumentation.snapshot().events;
      return sent - before.sent + dropped - before.dropped;
    };
    while (delivered() < CLIENTS * BURST) await turn();
    await turn();
    histogram.disable();
    const maxMs = histogram.max / 1e6;
    console.info(`[stall] ${CLIENTS} paused readers × ${BURST} MiB: event-loop delay max ${maxMs.toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms`);
    expect(delivered()).toBe(CLIENTS * BURST);
    expect(maxMs).toBeLessThan(MAX_EVENT_LOOP_DELAY_MS);
  });

  it('keeps each connection’s events in order, with contiguous seqs, when a broadcast is finished in later turns', async () => {
    const target = await startTestGateway({ events: appEvents });
    const clients = [];
    for (let index = 0; index < 20; index += 1) clients.push(await connectClient(target));
    // 20 readers × 1 MiB is over the per-turn budget: the first broadcast is finished later, and the
    // small ones published meanwhile wait behind it.
    target.gateway.broadcast('app.bulk', { blob: 'a'.repeat(EVENT_BYTES) });
    target.gateway.broadcast('app.bulk', { blob: 'b' });
    target.gateway.broadcast('app.bulk', { blob: 'c'.repeat(EVENT_BYTES) });
    target.gateway.broadcast('app.bulk', { blob: 'd' });
    for (const { client } of clients) {
      const received = [];
      for (let index = 0; index < 4; index += 1) {
        const event = await client.nextEvent('app.bulk');
        received.push({ seq: event.seq, first: (event['payload'] as { blob: string }).blob[0] });
      }
      // seq 1 is the health event after hello-ok (checked by connectClient).
      expect(received).toEqual([
        { seq: 2, first: 'a' },
        { seq: 3, first: 'b' },
        { seq: 4, first: 'c' },
        { seq: 5, first: 'd' },
      ]);
    }
  });
});
