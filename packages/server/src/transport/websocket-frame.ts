/**
 * RFC 6455 §5.2 framing of one complete text message as a server sends it: FIN set, opcode 1, no
 * mask, the payload length in 7, 7 + 16 or 7 + 64 bits. Used to frame a broadcast once and write the
 * same bytes to every recipient (see `GatewaySocket.sendWebSocketFrame`).
 */
export function encodeServerTextFrame(text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(text, headerLength, 'utf8');
  return frame;
}
