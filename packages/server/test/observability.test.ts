import { validators } from '@gatewire/protocol';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createJsonLinesLogger, InMemoryAdapter, type BroadcastMessage, type ConnectionEvent, type RefusedEvent } from '../src/index';
import { connectParams, connectClient, handshake, startTestGateway } from './helpers/fixtures';

const SECRET = 'super-secret-token-value';

function captureLogger() {
  const records: Array<{ level: string; obj: Record<string, unknown>; msg: string | undefined }> = [];
  const at = (level: string) => (obj: object, msg?: string) => records.push({ level, obj: obj as Record<string, unknown>, msg });
  return { records, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('audit log', () => {
  it('records connects, refusals and method calls without params or secrets', async () => {
    const { records, logger } = captureLogger();
    const target = await startTestGateway({ logger, auth: { mode: 'token', token: SECRET } });
    const refused = await target.open();
    await handshake(refused, connectParams({ auth: { token: `${SECRET}-wrong` } }));
    await refused.closed;
    const { client } = await connectClient(target, connectParams({ auth: { token: SECRET } }));
    await client.request('system-presence', {});
    await client.request('device.pair.approve', { requestId: 'secret-param-value' });
    const audit = records.filter((record) => record.obj['audit'] !== undefined);
    expect(audit.map((record) => record.obj['audit'])).toEqual(['auth-failure', 'connect', 'method', 'method']);
    expect(audit[0]?.obj).toMatchObject({ errorCode: 'INVALID_REQUEST', detailCode: 'AUTH_TOKEN_MISMATCH', clientIp: '127.0.0.1' });
    expect(audit[1]?.obj).toMatchObject({ role: 'operator', authMethod: 'token', clientId: 'gateway-client' });
    expect(audit[2]?.obj).toMatchObject({ method: 'system-presence', role: 'operator', outcome: 'ok', deviceId: undefined });
    expect(audit[2]?.obj['durationMs']).toEqual(expect.any(Number));
    expect(audit[3]?.obj).toMatchObject({ method: 'device.pair.approve', outcome: 'error', errorCode: 'APPROVAL_NOT_FOUND' });
    const everything = JSON.stringify(records);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('secret-param-value');
  });

  it('writes JSON lines in pino shape', () => {
    const lines: string[] = [];
    const logger = createJsonLinesLogger({ write: (line) => lines.push(line) }, 'info');
    logger.debug({ hidden: true }, 'not written');
    logger.warn({ audit: 'x', n: 1 }, 'hello');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 40, audit: 'x', n: 1, msg: 'hello', time: expect.any(Number) });
  });
});

describe('gateway events', () => {
  it('calls listeners given in options, including for refusals', async () => {
    const connections: ConnectionEvent[] = [];
    const refusals: RefusedEvent[] = [];
    const target = await startTestGateway({
      auth: { mode: 'token', token: SECRET },
      listeners: { connection: (event) => connections.push(event), refused: (event) => refusals.push(event) },
    });
    await connectClient(target, connectParams({ auth: { token: SECRET } }));
    const bad = await target.open();
    await handshake(bad, connectParams({ auth: { token: 'x' } }));
    await bad.closed;
    expect(connections.map((event) => event.connection.authMethod)).toEqual(['token']);
    expect(refusals).toEqual([expect.objectContaining({ clientIp: '127.0.0.1', closeCode: 1008, error: expect.objectContaining({ code: 'INVALID_REQUEST' }) })]);
  });
});

describe('wire shape', () => {
  it('sends a hello-ok that the protocol schema accepts and that has the reference fixture keys', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../../protocol/test/fixtures/hello-ok.operator-token.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;
    const target = await startTestGateway({ auth: { mode: 'token', token: SECRET } });
    const { hello } = await connectClient(target, connectParams({ auth: { token: SECRET } }));
    expect(validators.helloOk.check(hello)).toBe(true);
    for (const key of ['type', 'protocol', 'server', 'features', 'snapshot', 'auth', 'policy']) expect(hello).toHaveProperty(key);
    expect(Object.keys(hello['policy'] as object)).toEqual(Object.keys(fixture['policy'] as object).slice(0, 3));
    for (const key of ['presence', 'health', 'stateVersion', 'uptimeMs', 'authMode']) expect(hello['snapshot']).toHaveProperty(key);
    expect(Object.keys(fixture['snapshot'] as object)).toEqual(expect.arrayContaining(Object.keys(hello['snapshot'] as object)));
    expect(Object.keys(fixture['server'] as object)).toEqual(expect.arrayContaining(Object.keys(hello['server'] as object)));
  });

  it('negotiates permessage-deflate only when enabled', async () => {
    const plain = await startTestGateway();
    const off = await plain.open();
    expect(off.ws.extensions).toBe('');
    const compressed = await startTestGateway({ perMessageDeflate: { thresholdBytes: 16 } });
    const on = await compressed.open();
    expect(on.ws.extensions).toContain('permessage-deflate');
    const { response } = await handshake(on, connectParams());
    expect(response.ok).toBe(true);
    const large = await on.request('health', { pad: 'q'.repeat(200_000) });
    expect(large).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('routes broadcasts through the adapter', async () => {
    const published: BroadcastMessage[] = [];
    class CountingAdapter extends InMemoryAdapter {
      override publish(message: BroadcastMessage): void {
        published.push(message);
        super.publish(message);
      }
    }
    const target = await startTestGateway({ adapter: new CountingAdapter() });
    const { client } = await connectClient(target);
    // seq 1 is the connection's own health event after hello-ok (read by connectClient); it is
    // not a broadcast, so only the published health goes through the adapter.
    target.gateway.publishHealth();
    expect(await client.nextEvent('health')).toMatchObject({ seq: 2 });
    expect(published.map((message) => message.event)).toEqual(['health']);
  });
});
