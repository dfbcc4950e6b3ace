/** Host/port/TLS of a gateway URL, for the low-level probes. */
export interface Endpoint {
  readonly url: string;
  readonly tls: boolean;
  readonly host: string;
  readonly port: number;
  /** Set for `ws+unix://` URLs. */
  readonly socketPath: string | undefined;
}

/** Parse a gateway URL; `undefined` if it is not a ws/wss/ws+unix URL. */
export function parseEndpoint(url: string): Endpoint | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'ws+unix:') {
    return { url, tls: false, host: 'localhost', port: 0, socketPath: decodeURIComponent(parsed.pathname) };
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return undefined;
  const tls = parsed.protocol === 'wss:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port === '' ? (tls ? 443 : 80) : Number(parsed.port);
  return { url, tls, host, port, socketPath: undefined };
}
