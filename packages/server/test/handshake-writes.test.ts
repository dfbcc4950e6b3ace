import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectClient, startTestGateway } from './helpers/fixtures';

/** The stream methods through which a `net.Socket` hands bytes to the kernel (one call: one write). */
interface SocketWrites {
  _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void;
  _writev(chunks: Array<{ chunk: Buffer | string }>, callback: (error?: Error | null) => void): void;
}

/**
 * Record what each write of the server's side of a TCP connection carried, as latin1 text (frame
 * headers included). The socket is real; its write methods are wrapped to observe, then called.
 */
function recordWrites(socket: Socket): string[] {
  const writes: string[] = [];
  const internals = socket as unknown as SocketWrites;
  const write = internals._write;
  const writev = internals._writev;
  const text = (chunk: Buffer | string): string => (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
  internals._write = function recordedWrite(this: Socket, chunk, encoding, callback) {
    writes.push(text(chunk));
    write.call(this, chunk, encoding, callback);
  };
  internals._writev = function recordedWritev(this: Socket, chunks, callback) {
    writes.push(chunks.map((entry) => text(entry.chunk)).join(''));
    writev.call(this, chunks, callback);
  };
  return writes;
}

describe('handshake writes', () => {
  it('sends the 101 answer with the challenge, and hello-ok with the first health event, in one write each', async () => {
    const target = await startTestGateway();
    let writes: string[] = [];
    target.server.on('connection', (socket: Socket) => (writes = recordWrites(socket)));
    await connectClient(target);
    expect(writes).toHaveLength(2);
    const [upgrade, hello] = writes as [string, string];
    expect(upgrade).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(upgrade).toContain('"event":"connect.challenge"');
    expect(hello).toContain('"type":"hello-ok"');
    expect(hello).toContain('"event":"health"');
  });
});
