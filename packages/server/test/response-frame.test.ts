import { describe, expect, it } from 'vitest';
import { Connection, handshakeDeadlines } from '../src/connection/connection';
import { GatewayCounters } from '../src/connection/counters';
import type { GatewaySocket } from '../src/transport/socket';

function connectionSending(sent: string[]): Connection {
  const socket: GatewaySocket = {
    send: (text) => void sent.push(text),
    close: () => {},
    terminate: () => {},
    ping: () => {},
    pong: () => {},
    bufferedAmount: 0,
    isOpen: true,
    setMaxPayload: () => {},
    listen: () => {},
  };
  const address = { peerAddress: '127.0.0.1', clientIp: '127.0.0.1', viaTrustedProxy: false, isDirectLocal: true, isLoopbackClient: true, isLocalPeer: true };
  return new Connection('c1', socket, { remoteAddress: '127.0.0.1', headers: {}, url: '/' }, address, 'n1', { maxBufferedBytes: 1 << 20, slowConsumerTimeoutMs: 30_000, counters: new GatewayCounters(), onSlowConsumer: () => {}, handshakeDeadlines: handshakeDeadlines() });
}

describe('response frames', () => {
  it('are exactly what JSON.stringify makes of the response object', () => {
    const sent: string[] = [];
    const connection = connectionSending(sent);
    const payloads: unknown[] = [{ sum: 3 }, undefined, null, 'text', 0, [1, { deep: 'héllo "✓"\n' }], () => 1, { toJSON: () => ({ replaced: true }) }];
    const ids = ['1', 'we"ird\\id\u2028'];
    const expected: string[] = [];
    for (const id of ids) {
      for (const payload of payloads) {
        connection.sendResponse(id, true, payload);
        expected.push(JSON.stringify({ type: 'res', id, ok: true, payload }));
      }
      const error = { code: 'UNAVAILABLE', message: 'busy "now"', details: { code: 'BUSY' }, retryable: true, retryAfterMs: 5 };
      connection.sendResponse(id, false, undefined, error);
      expected.push(JSON.stringify({ type: 'res', id, ok: false, error }));
    }
    expect(sent).toEqual(expected);
  });
});
