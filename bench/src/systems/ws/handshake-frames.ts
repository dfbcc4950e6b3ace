import { randomUUID } from 'node:crypto';
import type { DeviceKey } from '../shared/device-keys';

/**
 * The raw-ws baseline speaks the same JSON frames as Gatewire (protocol v4): a `connect.challenge`
 * event, a `connect` request, a `hello-ok` response. Hand-written here, with no schema library.
 */

export const PROTOCOL_VERSION = 4;
export const CLIENT_ID = 'gateway-client';
export const CLIENT_MODE = 'backend';
export const CLIENT_PLATFORM = 'linux';
export const ROLE = 'operator';
export const SCOPES = ['operator.admin'] as const;

/** The challenge frame sent on every new connection. */
export function challengeFrame(nonce: string, ts: number): string {
  return JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce, ts } });
}

/** A fresh challenge nonce. */
export function newNonce(): string {
  return randomUUID();
}

/** The v3 device-auth payload, built by hand: `v3|device|client|mode|role|scopes|signedAt|token|nonce|platform|family`. */
export function devicePayloadV3(deviceId: string, signedAt: number, token: string, nonce: string): string {
  return ['v3', deviceId, CLIENT_ID, CLIENT_MODE, ROLE, SCOPES.join(','), String(signedAt), token, nonce, CLIENT_PLATFORM, ''].join('|');
}

/** The `connect` request params a ws-baseline client sends. */
export function connectParams(token: string, device?: { key: DeviceKey; signature: string; signedAt: number; nonce: string }): object {
  return {
    minProtocol: PROTOCOL_VERSION,
    maxProtocol: PROTOCOL_VERSION,
    client: { id: CLIENT_ID, version: '0.0.0', platform: CLIENT_PLATFORM, mode: CLIENT_MODE },
    role: ROLE,
    scopes: SCOPES,
    auth: { token },
    ...(device === undefined
      ? {}
      : {
          device: {
            id: device.key.deviceId,
            publicKey: device.key.publicKeyBase64Url,
            signature: device.signature,
            signedAt: device.signedAt,
            nonce: device.nonce,
          },
        }),
  };
}

/** The `hello-ok` payload of the baseline: the same fields a v4 gateway sends, kept minimal. */
export function helloOkPayload(connId: string, methods: readonly string[], events: readonly string[]): object {
  return {
    type: 'hello-ok',
    protocol: PROTOCOL_VERSION,
    server: { version: '0.0.0', connId },
    features: { methods, events },
    snapshot: { presence: [], health: {}, stateVersion: { presence: 0, health: 0 }, uptimeMs: 0, authMode: 'token' },
    auth: { role: ROLE, scopes: SCOPES, method: 'token' },
    policy: { maxPayload: 26_214_400, maxBufferedBytes: 52_428_800, tickIntervalMs: 30_000 },
  };
}
