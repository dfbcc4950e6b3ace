import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectClient, startTestGateway } from '../helpers/fixtures';
import { ADMIN_CONNECT, answeredWithDocumentedCode, connectMemorySocket, DOCUMENTED_CLOSE_CODES, openMemorySocket, startCoreGateway } from './core-harness';
import { fuzzParameters, fuzzTimeoutMs } from './fuzz-profile';
import { hostileFrameText, hostileJson, requestIdOf } from './hostile-values';

const HANDSHAKE_RUNS = 4_000;
const METHOD_RUNS = 20_000;
const SOCKET_RUNS = 1_000;

/** Connect params with some fields replaced by hostile values (or left valid). */
const connectParams = fc
  .record({ field: fc.constantFrom('minProtocol', 'maxProtocol', 'client', 'role', 'scopes', 'auth', 'device', 'caps', '__proto__', 'constructor'), value: hostileJson }, { requiredKeys: [] })
  .map(({ field, value }) => {
    const params: Record<string, unknown> = { ...ADMIN_CONNECT };
    if (field !== undefined) Object.defineProperty(params, field, { value, enumerable: true, writable: true, configurable: true });
    return params;
  });

const firstFrames = fc.array(
  fc.oneof(
    { weight: 2, arbitrary: connectParams.map((params) => JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params })) },
    { weight: 2, arbitrary: hostileFrameText(['connect', 'health']) },
  ),
  { minLength: 1, maxLength: 3 },
);

describe('the gateway core under generated frames (in-process)', () => {
  it(
    `handshake: every first frame is answered or closes with a documented code (${HANDSHAKE_RUNS} cases)`,
    async () => {
      const gateway = startCoreGateway();
      await fc.assert(
        fc.asyncProperty(firstFrames, async (frames) => {
          const socket = await openMemorySocket(gateway);
          for (const frame of frames) socket.receive(frame);
          // The first frame decides: hello-ok, or a refusal and a close.
          const first = frames[0] as string;
          const id = requestIdOf(first);
          const answer = id === undefined ? undefined : await socket.next((frame) => frame['type'] === 'res' && frame['id'] === id);
          if (answer !== undefined && !answeredWithDocumentedCode(answer)) return false;
          const admitted = answer?.['ok'] === true;
          if (!admitted) {
            await socket.next(() => false);
            const closed = socket.closedWith;
            if (closed === undefined || !DOCUMENTED_CLOSE_CODES.has(closed.code)) return false;
          }
          socket.terminate();
          return true;
        }),
        fuzzParameters(HANDSHAKE_RUNS),
      );
      expect(gateway.connections()).toEqual([]);
    },
    fuzzTimeoutMs(HANDSHAKE_RUNS, 2),
  );

  it(
    `methods: every built-in method answers hostile params with a documented code (${METHOD_RUNS} cases)`,
    async () => {
      const gateway = startCoreGateway({ nodeInvokeTimeoutMs: 50 });
      const { socket, methods } = await connectMemorySocket(gateway);
      expect(methods.length).toBeGreaterThan(10);
      let counter = 0;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...methods.filter((method) => method !== 'connect')), hostileJson, async (method, params) => {
          const id = `m${(counter += 1)}`;
          socket.receive(JSON.stringify({ type: 'req', id, method, params }));
          const answer = await socket.next((frame) => frame['type'] === 'res' && frame['id'] === id);
          return answer !== undefined && answeredWithDocumentedCode(answer);
        }),
        fuzzParameters(METHOD_RUNS),
      );
      expect(socket.closedWith).toBeUndefined();
    },
    fuzzTimeoutMs(METHOD_RUNS, 2),
  );

  it(
    `over a real socket: every frame after the handshake is answered, text, binary or empty, and a fresh client is served (${SOCKET_RUNS} cases)`,
    async () => {
      const target = await startTestGateway();
      const { client } = await connectClient(target);
      await fc.assert(
        fc.asyncProperty(hostileFrameText(['health', 'status', 'node.invoke', 'device.pair.approve']), fc.constantFrom('text', 'binary', 'empty'), async (text, kind) => {
          if (kind === 'empty') client.ws.send('');
          else client.ws.send(kind === 'binary' ? Buffer.from(text) : text);
          const answer = await client.nextMatching((frame) => frame.type === 'res');
          const expectedId = kind === 'empty' ? 'invalid' : (requestIdOf(text) ?? 'invalid');
          // Any frame with a string id is answered to that id, whatever else is wrong with it.
          return answeredWithDocumentedCode(answer) && answer.id === expectedId;
        }),
        fuzzParameters(SOCKET_RUNS),
      );
      expect(client.ws.readyState).toBe(1);
      const fresh = await connectClient(target);
      expect(await fresh.client.request('health')).toMatchObject({ ok: true });
    },
    fuzzTimeoutMs(SOCKET_RUNS, 5),
  );
});
