import ipaddr from 'ipaddr.js';

/** Parse an address, unwrapping IPv4-mapped IPv6 (`::ffff:127.0.0.1`). `undefined` if not an IP. */
export function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(trimmed)) return undefined;
  const parsed = ipaddr.parse(trimmed);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed;
}

/** Whether an address is a loopback address (127.0.0.0/8 or ::1). */
export function isLoopbackAddress(address: string): boolean {
  return parseAddress(address)?.range() === 'loopback';
}

/** The canonical text form of an address (IPv4-mapped IPv6 unwrapped), or the input when not an IP. */
export function normalizeAddress(address: string): string {
  return parseAddress(address)?.toString() ?? address;
}

/** A parsed CIDR list; a bare address counts as a single-host range. */
export type CidrList = ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

/** Parse CIDRs (`10.0.0.0/8`, `::1/128`, `127.0.0.1`). Throws a `TypeError` naming a bad entry. */
export function parseCidrList(entries: readonly string[]): CidrList {
  return entries.map((entry) => {
    const text = entry.trim();
    try {
      if (text.includes('/')) {
        const [address, prefix] = ipaddr.parseCIDR(text);
        const unwrapped = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
        return [unwrapped, unwrapped.kind() === address.kind() ? prefix : prefix - 96] as [ipaddr.IPv4 | ipaddr.IPv6, number];
      }
      const address = parseAddress(text);
      if (address === undefined) throw new Error('not an address');
      return [address, address.kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number];
    } catch {
      throw new TypeError(`invalid CIDR in trustedProxies: ${JSON.stringify(entry)}`);
    }
  });
}

/** Whether an address falls in any range of a CIDR list. */
export function matchesCidrList(address: string, list: CidrList): boolean {
  const parsed = parseAddress(address);
  if (parsed === undefined) return false;
  return list.some(([range, prefix]) => range.kind() === parsed.kind() && parsed.match(range, prefix));
}
