import type { ConnectParams } from '@gatewire/protocol';
import type { Frame, RawClient } from './raw-client';

/** The `connect.challenge` payload a gateway sends first. */
export interface Challenge {
  nonce: string;
  ts: number;
}

/** Connect params, or a function of the challenge that makes them (to sign a device proof). */
export type ConnectParamsSource = ConnectParams | ((challenge: Challenge) => Promise<ConnectParams> | ConnectParams);

/** Connect params of a test operator (backend mode: not presence-tracked unless `mode` says so). */
export function connectParams(overrides: Partial<ConnectParams> = {}): ConnectParams {
  return {
    minProtocol: 4,
    maxProtocol: 4,
    client: { id: 'gateway-client', version: '1.0.0', platform: 'linux', mode: 'backend' },
    scopes: ['operator.admin'],
    ...overrides,
  };
}

/** Read the challenge, send `connect` (id `c1`), and return the challenge and the response. */
export async function handshake(client: RawClient, params: ConnectParamsSource): Promise<{ challenge: Challenge; response: Frame }> {
  const challengeFrame = await client.nextEvent('connect.challenge');
  const challenge = challengeFrame['payload'] as Challenge;
  const resolved = typeof params === 'function' ? await params(challenge) : params;
  client.send({ type: 'req', id: 'c1', method: 'connect', params: resolved });
  const response = await client.nextMatching((frame) => frame.type === 'res' && frame.id === 'c1');
  return { challenge, response };
}

/**
 * Complete a handshake that must succeed: the `hello-ok` payload, after checking the `health`
 * event that follows it (see {@link expectHelloHealth}).
 */
export async function completeHandshake(client: RawClient, params: ConnectParamsSource): Promise<Record<string, unknown>> {
  const { response } = await handshake(client, params);
  if (response.ok !== true) throw new Error(`handshake failed: ${JSON.stringify(response['error'])}`);
  const hello = response['payload'] as Record<string, unknown>;
  await expectHelloHealth(client, hello);
  return hello;
}

/**
 * Read the `health` event every connection gets right after `hello-ok` and check it: the first
 * sequenced event (`seq` 1), carrying the snapshot's health and state version.
 */
export async function expectHelloHealth(client: RawClient, hello: Record<string, unknown>): Promise<Frame> {
  const frame = await client.nextEvent('health');
  const snapshot = hello['snapshot'] as { health: unknown; stateVersion: unknown };
  const expected = { type: 'event', event: 'health', payload: snapshot.health, stateVersion: snapshot.stateVersion, seq: 1 };
  if (JSON.stringify(frame) !== JSON.stringify(expected)) throw new Error(`the health event after hello-ok is ${JSON.stringify(frame)}, expected ${JSON.stringify(expected)}`);
  return frame;
}
