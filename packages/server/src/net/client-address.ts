import { headerValue, type RequestHeaders } from '../transport/upgrade-request';
import { isLoopbackAddress, matchesCidrList, normalizeAddress, parseAddress, type CidrList } from './ip-address';

/**
 * Whether a request carries any forwarding header by which a proxy attributes it to another client
 * (`Forwarded`, `X-Forwarded-*`, `X-Real-IP`, in any case). Names that cannot be one (they start
 * with neither `f` nor `x`) are passed over without lowercasing them.
 */
export function hasForwardingHeaders(headers: RequestHeaders): boolean {
  for (const name in headers) {
    const first = name.charCodeAt(0) | 0x20;
    if (first !== 0x66 && first !== 0x78) continue;
    const lower = name.toLowerCase();
    if (lower === 'forwarded' || lower === 'x-real-ip' || lower.startsWith('x-forwarded-')) return true;
  }
  return false;
}

/** The address of every client on the gateway's Unix socket: they share its lockout buckets and budget. */
export const UNIX_SOCKET_ADDRESS = 'unix';

/** Where a connection comes from, after the trusted-proxy rules. */
export interface ClientAddress {
  /** The TCP peer (normalized), or {@link UNIX_SOCKET_ADDRESS}. */
  readonly peerAddress: string;
  /** The client's address: the peer, or the right-most untrusted `X-Forwarded-For` hop behind a trusted proxy. */
  readonly clientIp: string;
  /** The peer is a configured trusted proxy. */
  readonly viaTrustedProxy: boolean;
  /**
   * The peer is loopback or on the Unix socket and sent no forwarding header: a client on this host,
   * talking to us directly.
   */
  readonly isDirectLocal: boolean;
  /** The client address is loopback (directly, or as reported by a trusted proxy) or the Unix socket. */
  readonly isLoopbackClient: boolean;
  /** The peer is on this host: a loopback address or the Unix socket. */
  readonly isLocalPeer: boolean;
}

/** Peers remembered at most by {@link PeerAddresses}; the oldest is forgotten first. */
export const MAX_REMEMBERED_PEERS = 1024;

/**
 * The {@link ClientAddress} of a peer that talks to the gateway directly (no trusted proxy, no
 * forwarding header), by the socket's remote address: parsed once (canonical form, loopback range),
 * then shared, frozen, by every connection from that address. A gateway sees few distinct peers at a
 * time (clients, or its proxies), so most upgrades parse nothing; at most
 * {@link MAX_REMEMBERED_PEERS} are kept, so a spread of addresses cannot grow it.
 */
class PeerAddresses {
  readonly #peers = new Map<string, ClientAddress>();

  resolve(remoteAddress: string): ClientAddress {
    const known = this.#peers.get(remoteAddress);
    if (known !== undefined) return known;
    const parsed = parseAddress(remoteAddress);
    const peerAddress = parsed?.toString() ?? remoteAddress;
    const loopback = parsed?.range() === 'loopback';
    const peer: ClientAddress = Object.freeze({
      peerAddress,
      clientIp: peerAddress,
      viaTrustedProxy: false,
      isDirectLocal: loopback,
      isLoopbackClient: loopback,
      isLocalPeer: loopback,
    });
    if (this.#peers.size >= MAX_REMEMBERED_PEERS) this.#peers.delete(this.#peers.keys().next().value as string);
    this.#peers.set(remoteAddress, peer);
    return peer;
  }
}

/** The peers of this process, parsed once each. */
const peerAddresses = new PeerAddresses();

/** Options of {@link resolveClientAddress}. */
export interface ClientAddressPolicy {
  readonly trustedProxies: CidrList;
  /** Use `X-Real-IP` when `X-Forwarded-For` is absent (trusted proxies only). */
  readonly allowRealIpFallback: boolean;
}

/**
 * Resolve the client address of an upgrade request. A client on the Unix socket is local, with its
 * own address ({@link UNIX_SOCKET_ADDRESS}); proxies are not trusted over it.
 */
export function resolveClientAddress(remoteAddress: string, headers: RequestHeaders, policy: ClientAddressPolicy, viaUnixSocket = false): ClientAddress {
  if (viaUnixSocket) {
    const isDirectLocal = !hasForwardingHeaders(headers);
    return { peerAddress: UNIX_SOCKET_ADDRESS, clientIp: UNIX_SOCKET_ADDRESS, viaTrustedProxy: false, isDirectLocal, isLoopbackClient: true, isLocalPeer: true };
  }
  const peer = peerAddresses.resolve(remoteAddress);
  const { peerAddress, isLocalPeer: peerIsLoopback } = peer;
  const viaTrustedProxy = policy.trustedProxies.length > 0 && matchesCidrList(peerAddress, policy.trustedProxies);
  const forwarded = hasForwardingHeaders(headers);
  // The common case, a client talking to us directly: the peer's shared, read-only address.
  if (!viaTrustedProxy && !forwarded) return peer;
  let clientIp = peerAddress;
  if (viaTrustedProxy) clientIp = forwardedClientIp(headers, policy) ?? peerAddress;
  return {
    peerAddress,
    clientIp,
    viaTrustedProxy,
    isDirectLocal: peerIsLoopback && !forwarded,
    isLoopbackClient: clientIp === peerAddress ? peerIsLoopback : isLoopbackAddress(clientIp),
    isLocalPeer: peerIsLoopback,
  };
}

function forwardedClientIp(headers: RequestHeaders, policy: ClientAddressPolicy): string | undefined {
  const chain = (headers['x-forwarded-for'] === undefined ? [] : [headers['x-forwarded-for']].flat())
    .flatMap((value) => (value ?? '').split(','))
    .map((hop) => hop.trim())
    .filter((hop) => hop.length > 0);
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const hop = chain[index] as string;
    if (!matchesCidrList(hop, policy.trustedProxies)) return normalizeAddress(hop);
  }
  if (chain.length > 0) return normalizeAddress(chain[0] as string);
  if (policy.allowRealIpFallback) {
    const realIp = headerValue(headers, 'x-real-ip')?.trim();
    if (realIp) return normalizeAddress(realIp);
  }
  return undefined;
}
