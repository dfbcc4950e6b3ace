/**
 * Which hosts plain `ws://` may reach. Credentials and device tokens travel in the `connect` frame,
 * so cleartext is refused except to this machine and to private networks (loopback, RFC 1918,
 * link-local, CGNAT, IPv6 unique-local and link-local, `localhost`, `*.local`, `*.ts.net`).
 */

/** Whether `hostname` is this machine (`localhost`, 127.0.0.0/8, `::1`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return parseIpv4(host)?.[0] === 127 || /^::ffff:127\./.test(host);
}

/** Whether plain `ws://` to `hostname` is acceptable without `allowInsecureWs`. */
export function isLocalOrPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.ts.net')) return true;
  const ipv4 = parseIpv4(host);
  if (ipv4 !== undefined) return isPrivateIpv4(ipv4);
  if (host.includes(':')) return isPrivateIpv6(host);
  return false;
}

function parseIpv4(host: string): [number, number, number, number] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : Number.NaN));
  if (bytes.some((byte) => !(byte >= 0 && byte <= 255))) return undefined;
  return bytes as [number, number, number, number];
}

function isPrivateIpv4([a, b]: [number, number, number, number]): boolean {
  return (
    a === 127 || // loopback
    a === 10 || // RFC 1918
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) || // link-local
    (a === 100 && b >= 64 && b <= 127) // CGNAT (Tailscale)
  );
}

function isPrivateIpv6(host: string): boolean {
  if (host === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1];
  if (mapped !== undefined) {
    const ipv4 = parseIpv4(mapped);
    return ipv4 !== undefined && isPrivateIpv4(ipv4);
  }
  return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
}
