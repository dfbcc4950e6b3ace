import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { writeUpgradeRefusal, type UpgradeRefusal } from '../http/upgrade-guard';

/**
 * What {@link Gateway.attach} does with an upgrade on a path no attached gateway serves:
 * - `"auto"`: answer it with HTTP 400 (as `ws` does for a `WebSocketServer` with a `path`) unless
 *   the host server has an `upgrade` listener of its own, which is then trusted to take it;
 * - `"reject"`: always answer it with HTTP 400;
 * - `"leave"`: never answer it (the host must; an unanswered upgrade leaves the client waiting).
 */
export type OtherPathsPolicy = 'auto' | 'reject' | 'leave';

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
type HostServer = HttpServer | HttpsServer;

/** One `attach` on a host server. */
interface Mount {
  readonly path: string;
  readonly otherPaths: OtherPathsPolicy;
  readonly listener: UpgradeListener;
}

/** The gateways attached to each host server, in attach order (so only one of them answers). */
const mountsByServer = new WeakMap<HostServer, Mount[]>();

const UNKNOWN_PATH: UpgradeRefusal = {
  status: 400,
  body: { error: { message: 'no WebSocket endpoint on this path', type: 'unknown_path' } },
  closeCode: 1008,
};

/** The path of an upgrade request, without the query. */
export function upgradePath(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Listen to a host server's upgrades for one gateway path: `handle` gets the upgrades on `path`,
 * and an upgrade on a path that no mounted gateway serves is answered by the first mount per its
 * {@link OtherPathsPolicy}. Returns the function that removes the listener.
 */
export function mountUpgradePath(server: HostServer, path: string, otherPaths: OtherPathsPolicy, handle: UpgradeListener): () => void {
  const mounts = mountsByServer.get(server) ?? [];
  mountsByServer.set(server, mounts);
  const listener: UpgradeListener = (request, socket, head) => {
    const pathname = upgradePath(request);
    if (pathname === path) return handle(request, socket, head);
    if (mounts[0] !== mount || mounts.some((other) => other.path === pathname)) return;
    if (otherPaths === 'leave' || (otherPaths === 'auto' && hasHostUpgradeListener(server, mounts))) return;
    writeUpgradeRefusal(socket, UNKNOWN_PATH);
  };
  const mount: Mount = { path, otherPaths, listener };
  mounts.push(mount);
  server.on('upgrade', listener);
  return () => {
    server.off('upgrade', listener);
    const index = mounts.indexOf(mount);
    if (index !== -1) mounts.splice(index, 1);
  };
}

function hasHostUpgradeListener(server: HostServer, mounts: readonly Mount[]): boolean {
  return server.listeners('upgrade').some((listener) => !mounts.some((mount) => mount.listener === listener));
}
