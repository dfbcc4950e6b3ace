import { defineMethod, type Snapshot } from '@gatewire/protocol';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import type { Admission } from '../src/handshake/admission';
import { buildHelloOk, type HelloFacts } from '../src/handshake/hello';
import { HelloOkFrames } from '../src/handshake/hello-ok-frame';
import { connectClient, connectParams, startTestGateway } from './helpers/fixtures';

const facts: HelloFacts = {
  serverVersion: '1.2.3-β "quoted"',
  bootId: 'boot-1',
  methods: ['health', 'app.ünïcode'],
  events: ['tick', 'line\u2028separator'],
  capabilities: ['x-cap'],
  maxPayloadBytes: 1024,
  maxBufferedBytes: 2048,
  tickIntervalMs: 30_000,
};

const tokenAdmission: Admission = { role: 'operator', scopes: ['operator.admin'], method: 'token', deviceId: undefined, user: undefined, deviceToken: undefined };
const deviceAdmission: Admission = {
  role: 'node',
  scopes: [],
  method: 'device-token',
  deviceId: 'dev-1',
  user: 'ada',
  deviceToken: { token: 'tok"en', issuedAtMs: 1_700_000_000_000 } as Admission['deviceToken'],
};

const snapshot: Snapshot = {
  presence: [{ host: 'h', version: '1', platform: 'linux', mode: 'gateway', reason: 'self', text: 'Gateway: h · app 1', ts: 5 }],
  health: { ok: true, ts: 6, durationMs: 0 },
  stateVersion: { presence: 2, health: 3 },
  uptimeMs: 7,
  authMode: 'token',
};

/** What the gateway sent before the frame was spliced: the response object, stringified whole. */
function stringified(requestId: string, connId: string, admission: Admission, snap: Snapshot, helloFacts: HelloFacts): string {
  return JSON.stringify({ type: 'res', id: requestId, ok: true, payload: buildHelloOk(connId, admission, snap, helloFacts) });
}

describe('hello-ok frames', () => {
  it('are byte for byte what JSON.stringify makes of the response with the hello-ok object', () => {
    const frames = new HelloOkFrames();
    const hosted = { ...snapshot, sessionDefaults: { model: 'x' }, presence: [] } as unknown as Snapshot;
    for (const requestId of ['c1', 'we"ird\\id\u2028']) {
      for (const admission of [tokenAdmission, deviceAdmission]) {
        for (const snap of [snapshot, hosted]) {
          expect(frames.frame(requestId, 'conn-"1"', admission, snap, facts)).toBe(stringified(requestId, 'conn-"1"', admission, snap, facts));
        }
      }
    }
  });

  it('are what JSON.stringify makes of snapshots of any other shape than the gateway-built one', () => {
    const frames = new HelloOkFrames();
    const { presence, health, stateVersion, uptimeMs, authMode } = snapshot;
    const inherited = Object.assign(Object.create({ extra: 1 }) as object, snapshot) as Snapshot;
    const withToJson = { ...snapshot, health: { ...health, toJSON: () => ({ ok: false }) } } as unknown as Snapshot;
    const shapes = [
      { ...snapshot, uptimeMs: -0 },
      { ...snapshot, uptimeMs: 1.5, stateVersion: { presence: Number.NaN, health: Number.POSITIVE_INFINITY } },
      { ...snapshot, health: { ok: false, ts: Number.NEGATIVE_INFINITY, durationMs: 2.25 } },
      { health, presence, stateVersion, uptimeMs, authMode },
      { ...snapshot, health: { ts: 6, ok: true, durationMs: 0 } },
      { ...snapshot, health: { ...health, detail: 'x' } },
      { ...snapshot, health: { ok: 'yes', ts: 6, durationMs: 0 } },
      { ...snapshot, stateVersion: { presence: '2', health: 3 } },
      { ...snapshot, stateVersion: { health: 3, presence: 2 } },
      { ...snapshot, uptimeMs: '7' },
      { ...snapshot, authMode: 'we"ird\u2028' },
      { ...snapshot, authMode: undefined },
      { presence, health, stateVersion, uptimeMs },
      { ...snapshot, suspension: { phase: 'draining' } },
      inherited,
      withToJson,
    ] as unknown as Snapshot[];
    for (const shape of shapes) {
      expect(frames.frame('c1', 'conn-1', deviceAdmission, shape, facts)).toBe(stringified('c1', 'conn-1', deviceAdmission, shape, facts));
    }
  });

  it('serializes the gateway-wide parts anew when one of them changes', () => {
    const frames = new HelloOkFrames();
    const changes: HelloFacts[] = [
      facts,
      { ...facts, methods: [...facts.methods, 'app.added'] },
      { ...facts, events: ['tick'] },
      { ...facts, capabilities: [] },
      { ...facts, serverVersion: '9.9.9' },
      { ...facts, bootId: 'boot-2' },
      { ...facts, maxPayloadBytes: 1 },
      { ...facts, maxBufferedBytes: 2 },
      { ...facts, tickIntervalMs: 3 },
      facts,
    ];
    for (const changed of changes) expect(frames.frame('c1', 'conn-1', tokenAdmission, snapshot, changed)).toBe(stringified('c1', 'conn-1', tokenAdmission, snapshot, changed));
  });

  it('advertise a method registered after earlier handshakes', async () => {
    const target = await startTestGateway();
    const { hello: before } = await connectClient(target, connectParams());
    expect((before['features'] as { methods: string[] }).methods).not.toContain('app.late');
    target.gateway.method(defineMethod('app.late', { params: Type.Object({}), result: Type.Object({}), scope: 'operator.read' }), () => ({}));
    const { hello: after } = await connectClient(target, connectParams());
    expect((after['features'] as { methods: string[] }).methods).toContain('app.late');
  });

  it('reach the client as the compact JSON of the hello-ok it parses, with the capabilities given at construction', async () => {
    const capabilities = ['x-cap'];
    const target = await startTestGateway({ capabilities, resume: false });
    capabilities.push('x-added-later');
    const client = await target.open();
    const texts: string[] = [];
    client.ws.on('message', (data) => texts.push(data.toString()));
    await client.nextEvent('connect.challenge');
    client.send({ type: 'req', id: 'c1', method: 'connect', params: connectParams() });
    const response = await client.nextMatching((frame) => frame.id === 'c1');
    const text = texts.find((candidate) => candidate.startsWith('{"type":"res"'));
    expect(text).toBe(JSON.stringify(response));
    expect((response['payload'] as { features: { capabilities: string[] } }).features.capabilities).toEqual(['x-cap']);
  });
});
