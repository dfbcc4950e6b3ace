import { invalidRequest, type ConnectRefusal } from '../handshake/connect-refusal';
import { isLoopbackAddress } from '../net/ip-address';

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return undefined;
  }
}

function isLoopbackOrigin(origin: string): boolean {
  const host = originHost(origin);
  if (host === undefined) return false;
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}

/**
 * The browser-origin check. A request without `Origin` is not checked (it is not a browser).
 * Otherwise the origin must be in `allowedOrigins` (or the list holds `"*"`), or be a loopback
 * origin from a direct local client. Returns the refusal, or `undefined` when allowed.
 */
export function checkOrigin(origin: string | undefined, allowedOrigins: readonly string[], isDirectLocal: boolean): ConnectRefusal | undefined {
  if (origin === undefined) return undefined;
  const normalized = origin.trim().toLowerCase().replace(/\/+$/, '');
  if (allowedOrigins.includes('*')) return undefined;
  if (allowedOrigins.some((allowed) => allowed.trim().toLowerCase().replace(/\/+$/, '') === normalized)) return undefined;
  if (isDirectLocal && isLoopbackOrigin(normalized)) return undefined;
  return invalidRequest(`origin not allowed (${normalized} is not in the gateway's allowedOrigins)`, {
    details: { code: 'CONTROL_UI_ORIGIN_NOT_ALLOWED', origin: normalized },
  });
}
