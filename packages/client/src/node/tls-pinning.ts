import type { ClientRequest } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { normalizeTlsFingerprint } from '@gatewire/protocol/lite';
import { GatewayClientError } from '../errors/gateway-client-error';

/**
 * Returns a `finishRequest` hook for `ws` that checks the SHA-256 fingerprint of the server's leaf
 * certificate (DER) on the TLS `secureConnect`, before the HTTP upgrade request is written. On a
 * mismatch the request is destroyed with `TLS_PIN_MISMATCH`, so no upgrade byte (and no credential)
 * reaches the wrong server.
 *
 * @param expected - the pin in any accepted form (`sha256:AB:CD:…`, 64 hex characters, colon pairs).
 */
export function createTlsPinCheck(expected: string): (request: ClientRequest) => void {
  const pin = normalizeTlsFingerprint(expected);
  if (pin === undefined) throw new TypeError(`tlsFingerprint is not a SHA-256 fingerprint: ${expected}`);
  return (request: ClientRequest): void => {
    request.on('socket', (socket) => {
      const tlsSocket = socket as TLSSocket;
      const verify = (): void => {
        const actual = normalizeTlsFingerprint(tlsSocket.getPeerCertificate?.()?.fingerprint256);
        if (actual === pin) {
          request.end();
          return;
        }
        const message =
          actual === undefined ? 'gateway tls fingerprint unavailable' : `gateway tls fingerprint mismatch: expected ${pin}, got ${actual}`;
        request.destroy(new GatewayClientError('TLS_PIN_MISMATCH', message));
      };
      socket.once('secureConnect', verify);
    });
  };
}
