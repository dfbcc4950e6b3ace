import { ErrorCodes } from '@gatewire/protocol';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/index';
import { onCleanup } from '../helpers/fixtures';
import { LOOPBACK_REQUEST, MemorySocket, type SentFrame } from './memory-socket';

/** The documented wire error codes: every refusal must carry one of them. */
export const DOCUMENTED_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCodes));

/** The close codes a gateway may use on a client's socket (PROTOCOL.md §9; 1006 is a terminate). */
export const DOCUMENTED_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1002, 1008, 1009, 1011, 1012, 1013, 4001]);

/** Whether a `res` frame is a success or a refusal with a documented code. */
export function answeredWithDocumentedCode(frame: SentFrame): boolean {
  if (frame['ok'] === true) return true;
  const error = frame['error'] as { code?: unknown; message?: unknown } | undefined;
  return typeof error?.code === 'string' && DOCUMENTED_ERROR_CODES.has(error.code) && typeof error.message === 'string';
}

/** A gateway driven in-process through {@link MemorySocket}s, closed after the test. */
export function startCoreGateway(options: GatewayOptions = {}): Gateway {
  const gateway = createGateway({ shutdownTimeoutMs: 100, authRateLimit: { loopbackDelayMs: 0, loopbackMaxDelayMs: 1 }, ...options });
  onCleanup(() => gateway.close());
  return gateway;
}

/** Open an in-process socket and read its challenge. */
export async function openMemorySocket(gateway: Gateway): Promise<MemorySocket> {
  const socket = new MemorySocket();
  gateway.acceptSocket(socket, LOOPBACK_REQUEST);
  await socket.next((frame) => frame['event'] === 'connect.challenge');
  return socket;
}

/** Valid connect params of an admin backend client. */
export const ADMIN_CONNECT = {
  minProtocol: 4,
  maxProtocol: 4,
  client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'backend' },
  scopes: ['operator.admin'],
} as const;

/** An authenticated in-process connection and the methods its hello-ok advertises. */
export async function connectMemorySocket(gateway: Gateway): Promise<{ socket: MemorySocket; methods: string[] }> {
  const socket = await openMemorySocket(gateway);
  socket.receive(JSON.stringify({ type: 'req', id: 'c1', method: 'connect', params: ADMIN_CONNECT }));
  const hello = await socket.next((frame) => frame['id'] === 'c1');
  const payload = hello?.['payload'] as { features: { methods: string[] } } | undefined;
  if (payload === undefined) throw new Error(`connect failed: ${JSON.stringify(hello)}`);
  return { socket, methods: payload.features.methods };
}
