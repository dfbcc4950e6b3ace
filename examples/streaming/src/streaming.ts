/**
 * A streaming method: the gateway answers `accepted` at once, streams delta events tied to the run,
 * then sends the final result with the same request id. The client waits with `expectFinal`.
 *
 * Then two ways a run stops early, both seen by the handler through an AbortSignal:
 * - the client aborts its request with an AbortSignal (and tells the gateway with `report.cancel`);
 * - the client disconnects (the handler's own `ctx.signal` fires).
 *
 * Run: pnpm start
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayClient, GatewayClientError } from '@gatewire/client';
import { defineEvent, defineEvents, defineMethod, defineMethods, type CoreEvents, type CoreMethods } from '@gatewire/protocol';
import { MethodError, startGateway } from '@gatewire/server';
import { Type } from '@sinclair/typebox';

const TOKEN = 'streaming-example-token';
const SECTION_DELAY_MS = 40;

// ---- The API ---------------------------------------------------------------------------------

const generateReport = defineMethod('report.generate', {
  // The client picks the run id, so it can name the run before the gateway has answered.
  params: Type.Object({ runId: Type.String(), topic: Type.String(), sections: Type.Integer({ minimum: 1, maximum: 100 }) }),
  result: Type.Object({ runId: Type.String(), text: Type.String() }),
  scope: 'operator.write',
  streaming: true, // may answer `accepted` first
});
const cancelReport = defineMethod('report.cancel', {
  params: Type.Object({ runId: Type.String() }),
  result: Type.Object({ runId: Type.String(), cancelled: Type.Boolean() }),
  scope: 'operator.write',
});
const reportEvents = defineEvents(
  defineEvent('report.delta', { payload: Type.Object({ runId: Type.String(), index: Type.Integer(), text: Type.String() }), scope: 'operator.read' }),
);
const reportMethods = defineMethods(generateReport, cancelReport);
type ReportMethods = CoreMethods & typeof reportMethods;
type ReportEvents = CoreEvents & typeof reportEvents;

// ---- The gateway -----------------------------------------------------------------------------

const running = await startGateway({ port: 0, bind: 'loopback', auth: { mode: 'token', token: TOKEN }, events: reportEvents });
const { gateway } = running;
const cancellers = new Map<string, AbortController>();
const abortsSeen = new Map<string, Promise<string>>(); // the abort reason each handler observed, per run

gateway.method(generateReport, async ({ runId, topic, sections }, ctx) => {
  // The run stops when the caller disconnects or the gateway shuts down (ctx.signal),
  // or when the caller cancels it with report.cancel.
  const cancel = new AbortController();
  cancellers.set(runId, cancel);
  const signal = AbortSignal.any([ctx.signal, cancel.signal]);
  const abortSeen = new Promise<string>((resolve) => {
    signal.addEventListener('abort', () => {
      const reason = (signal.reason as Error).message;
      console.log(`[server] ${runId}: handler signal aborted (${reason})`);
      resolve(reason);
    });
  });
  abortsSeen.set(runId, abortSeen);

  ctx.accept({ runId }); // the intermediate response: {status: "accepted", runId}
  const parts: string[] = [];
  try {
    for (let index = 0; index < sections; index += 1) {
      await sleep(SECTION_DELAY_MS, undefined, { signal }); // stands for real work; rejects on abort
      const text = `section ${index + 1} about ${topic}`;
      parts.push(text);
      ctx.emit('report.delta', { runId, index, text }); // an event tied to this run, to the caller only
    }
    return { runId, text: parts.join('\n') }; // the final response
  } catch (error) {
    if (signal.aborted) throw new MethodError('UNAVAILABLE', `run ${runId} stopped`, { details: { code: 'RUN_STOPPED' } });
    throw error;
  } finally {
    cancellers.delete(runId);
  }
});

gateway.method(cancelReport, ({ runId }) => {
  const cancel = cancellers.get(runId);
  cancel?.abort(new Error('cancelled by the client'));
  return { runId, cancelled: cancel !== undefined };
});

// ---- The client ------------------------------------------------------------------------------

const client = new GatewayClient<ReportMethods, ReportEvents>({ url: running.url, auth: { token: TOKEN }, reconnect: false });
await client.connect();
const deltas = new Map<string, string[]>();
client.onEvent('report.delta', ({ runId, text }) => {
  deltas.set(runId, [...(deltas.get(runId) ?? []), text]);
});

// 1. A full run: `accepted`, three deltas, then the final result.
const progress: unknown[] = [];
const report = await client.request(
  'report.generate',
  { runId: 'run-1', topic: 'tides', sections: 3 },
  { expectFinal: true, onProgress: (accepted) => progress.push(accepted) },
);
console.log('[client] run-1 accepted:', JSON.stringify(progress[0]));
console.log('[client] run-1 deltas:', deltas.get('run-1')?.join(' | '));
console.log('[client] run-1 final:', JSON.stringify(report.text));
assert.deepEqual(progress, [{ status: 'accepted', runId: 'run-1' }]);
assert.deepEqual(deltas.get('run-1'), ['section 1 about tides', 'section 2 about tides', 'section 3 about tides']);
assert.equal(report.text, deltas.get('run-1')?.join('\n'));

// 2. Abort from the client with an AbortSignal. The request rejects at once with ABORTED. The wire
//    protocol has no per-request cancel frame, so the app tells the gateway with report.cancel.
const stop = new AbortController();
let cancelSent: Promise<{ runId: string; cancelled: boolean }> | undefined;
stop.signal.addEventListener('abort', () => (cancelSent = client.request('report.cancel', { runId: 'run-2' })));
const stopAfterFirstDelta = client.onEvent('report.delta', ({ runId }) => {
  if (runId === 'run-2') stop.abort(new Error('user pressed stop'));
});
const aborted = await client
  .request('report.generate', { runId: 'run-2', topic: 'storms', sections: 50 }, { expectFinal: true, signal: stop.signal })
  .catch((error: unknown) => error);
stopAfterFirstDelta();
console.log('[client] run-2 rejected:', (aborted as Error).message);
assert.ok(GatewayClientError.isInstance(aborted, 'ABORTED'));
assert.deepEqual(await cancelSent, { runId: 'run-2', cancelled: true });
assert.equal(await abortsSeen.get('run-2'), 'cancelled by the client');
assert.ok((deltas.get('run-2')?.length ?? 0) < 50, 'run-2 stopped streaming');

// 3. Disconnect mid-run: the handler's own ctx.signal fires.
const run3 = client
  .request('report.generate', { runId: 'run-3', topic: 'fog', sections: 50 }, { expectFinal: true })
  .catch((error: unknown) => error);
await new Promise<void>((resolve) => client.onEvent('report.delta', ({ runId }) => runId === 'run-3' && resolve()));
await client.close();
const dropped = await run3;
console.log('[client] run-3 rejected:', (dropped as Error).message);
assert.ok(GatewayClientError.isInstance(dropped, 'CONNECTION_CLOSED'));
assert.equal(await abortsSeen.get('run-3'), 'connection closed');

await running.close();
console.log('streaming: ok');
