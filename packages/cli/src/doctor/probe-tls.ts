import { connect, type PeerCertificate } from 'node:tls';
import { formatTlsFingerprint, normalizeTlsFingerprint } from '@gatewire/protocol';
import { fail, pass, warn, type CheckResult } from './check';
import type { Endpoint } from './endpoint';

const TITLE = 'TLS certificate';

/** What the TLS probe learned, for later checks. */
export interface TlsFacts {
  readonly result: CheckResult;
  /** Whether later checks may connect (`wss://` with a usable certificate or a matching pin). */
  readonly usable: boolean;
  /** Whether later connections must skip CA validation because a matching pin replaces it. */
  readonly pinned: boolean;
}

/** Inspect the gateway's certificate: validity dates, chain, and the fingerprint against a pin. */
export function probeTls(endpoint: Endpoint, pin: string | undefined, timeoutMs: number, now = Date.now(), ca?: string): Promise<TlsFacts> {
  const expected = pin === undefined ? undefined : normalizeTlsFingerprint(pin);
  if (pin !== undefined && expected === undefined) {
    return Promise.resolve({
      result: fail('tls', TITLE, `the pin "${pin}" is not a SHA-256 fingerprint`, 'Give 64 hex characters or 32 colon-separated pairs, optionally prefixed with sha256:.'),
      usable: false,
      pinned: false,
    });
  }
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port, servername: isIp(endpoint.host) ? undefined : endpoint.host, rejectUnauthorized: false, ...(ca === undefined ? {} : { ca }) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ result: fail('tls', TITLE, `no TLS handshake within ${timeoutMs} ms`, 'Is the gateway serving TLS on this port? Use ws:// for a plain gateway.'), usable: false, pinned: false });
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const authorized = socket.authorized;
      const authorizationError = socket.authorizationError === null ? undefined : String(socket.authorizationError);
      socket.destroy();
      resolve(judge(cert, authorized, authorizationError, expected, now));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ result: fail('tls', TITLE, `TLS handshake failed: ${error.message}`, 'Is the gateway serving TLS on this port? Use ws:// for a plain gateway.'), usable: false, pinned: false });
    });
  });
}

/** Whether a TLS handshake succeeds on this endpoint (certificate not checked): tells a wss:// port given as ws://. */
export function speaksTls(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port, servername: isIp(endpoint.host) ? undefined : endpoint.host, rejectUnauthorized: false });
    const done = (result: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function judge(cert: PeerCertificate, authorized: boolean, authorizationError: string | undefined, expected: string | undefined, now: number): TlsFacts {
  const actual = normalizeTlsFingerprint(cert.fingerprint256);
  const shown = actual === undefined ? 'unknown' : (formatTlsFingerprint(actual) ?? actual);
  const notBefore = Date.parse(cert.valid_from);
  const notAfter = Date.parse(cert.valid_to);
  if (now > notAfter) {
    return { result: fail('tls', TITLE, `certificate expired on ${new Date(notAfter).toISOString()} (fingerprint ${shown})`, 'Renew the certificate and restart the gateway (or send it SIGHUP to reload).'), usable: false, pinned: false };
  }
  if (now < notBefore) {
    return { result: fail('tls', TITLE, `certificate is not valid before ${new Date(notBefore).toISOString()}`, 'Check the clock of both machines, or reissue the certificate.'), usable: false, pinned: false };
  }
  if (expected !== undefined) {
    if (actual !== expected) {
      return {
        result: fail('tls', TITLE, `fingerprint ${shown} does not match the pin ${formatTlsFingerprint(expected) ?? expected}`, 'You may be talking to another server. If the gateway certificate was replaced on purpose, update the pin (--tls-fingerprint).'),
        usable: false,
        pinned: false,
      };
    }
    return { result: pass('tls', TITLE, `pinned fingerprint matches (${shown}); valid until ${new Date(notAfter).toISOString()}`), usable: true, pinned: true };
  }
  const days = Math.floor((notAfter - now) / 86_400_000);
  if (!authorized) {
    return {
      result: fail('tls', TITLE, `certificate is not trusted: ${authorizationError ?? 'unknown reason'} (fingerprint ${shown})`, `Pin it with --tls-fingerprint ${shown} if it is self-signed and yours, pass its CA with --ca <file.pem>, or install a certificate from a trusted CA.`),
      usable: false,
      pinned: false,
    };
  }
  if (days < 14) {
    return { result: warn('tls', TITLE, `certificate expires in ${days} days`, 'Renew the certificate soon.'), usable: true, pinned: false };
  }
  return { result: pass('tls', TITLE, `trusted, valid until ${new Date(notAfter).toISOString()} (fingerprint ${shown})`), usable: true, pinned: false };
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
