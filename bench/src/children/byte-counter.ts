import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

/** Counts the TCP bytes of every connection of an HTTP server (frame-size probe only). */
export class ByteCounter {
  bytesIn = 0;
  bytesOut = 0;

  attach(httpServer: HttpServer): void {
    httpServer.on('connection', (socket: Socket) => {
      socket.on('data', (chunk: Buffer) => {
        this.bytesIn += chunk.length;
      });
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.bytesOut += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Uint8Array).length;
        return write(chunk, ...rest);
      }) as Socket['write'];
    });
  }
}
