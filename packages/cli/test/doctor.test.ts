import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../src/doctor/run-doctor';
import type { CheckResult } from '../src/doctor/check';
import { makeCertificate } from './helpers/certificates';
import { closedPort, helloOk, startScriptedGateway } from './helpers/scripted-gateway';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

function byId(results: CheckResult[]): Record<string, CheckResult> {
  return Object.fromEntries(results.map((result) => [result.id, result]));
}

describe('gatewire doctor (scripted peers)', () => {
  it('nothing listening: connection refused, everything after it skipped, with a remedy', async () => {
    const results = byId(await runDoctor({ url: `ws://127.0.0.1:${await closedPort()}` }));
    expect(results['listening']?.status).toBe('fail');
    expect(results['listening']?.detail).toMatch(/refused the connection \(ECONNREFUSED\)/);
    expect(results['listening']?.remedy).toMatch(/gatewire start/);
    for (const id of ['gateway', 'protocol', 'auth', 'latency']) expect(results[id]?.status).toBe('skip');
  });

  it('not a gateway URL at all', async () => {
    const results = byId(await runDoctor({ url: 'http://127.0.0.1:1' }));
    expect(results['listening']?.status).toBe('fail');
    expect(results['listening']?.detail).toMatch(/not a ws:\/\//);
  });

  it('protocol mismatch: names both versions and says to upgrade', async () => {
    const gateway = await startScriptedGateway({
      onConnect: (params) => ({
        ok: false,
        error: {
          code: 'INVALID_REQUEST',
          message: 'protocol mismatch',
          details: { code: 'PROTOCOL_MISMATCH', clientMinProtocol: params['minProtocol'], clientMaxProtocol: params['maxProtocol'], expectedProtocol: 5, minimumProbeProtocol: 4 },
        },
      }),
    });
    cleanups.push(gateway.close);
    const results = byId(await runDoctor({ url: gateway.url }));
    expect(results['gateway']?.status).toBe('pass');
    expect(results['protocol']?.status).toBe('fail');
    expect(results['protocol']?.detail).toBe('gateway speaks protocol 5, we offered 4..4');
    expect(results['auth']?.status).toBe('skip');
  });

  it('clock skew beyond 120 s fails with the NTP remedy', async () => {
    const gateway = await startScriptedGateway({ onConnect: () => ({ ok: true, payload: helloOk }), challengeTs: () => Date.now() - 600_000 });
    cleanups.push(gateway.close);
    const results = byId(await runDoctor({ url: gateway.url, token: 't' }));
    expect(results['clock']?.status).toBe('fail');
    expect(results['clock']?.detail).toMatch(/behind/);
    expect(results['clock']?.remedy).toMatch(/NTP/);
    expect(results['latency']?.status).toBe('pass');
  });

  it('wrong pin: shows the real fingerprint and refuses to continue', async () => {
    const certificate = await makeCertificate();
    const gateway = await startScriptedGateway({ tls: certificate, onConnect: () => ({ ok: true, payload: helloOk }) });
    cleanups.push(gateway.close);
    const results = byId(await runDoctor({ url: gateway.url, tlsFingerprint: 'sha256:' + '00:'.repeat(31) + '00' }));
    expect(results['tls']?.status).toBe('fail');
    expect(results['tls']?.detail).toContain(certificate.fingerprint256);
    expect(results['tls']?.detail).toMatch(/does not match the pin/);
    expect(results['gateway']?.status).toBe('skip');
  });

  it('right pin on a self-signed certificate: the pin replaces the CA check and every check passes', async () => {
    const certificate = await makeCertificate();
    const gateway = await startScriptedGateway({ tls: certificate, onConnect: () => ({ ok: true, payload: helloOk }) });
    cleanups.push(gateway.close);
    const results = await runDoctor({ url: gateway.url, tlsFingerprint: certificate.fingerprint256.toLowerCase(), token: 't' });
    expect(results.filter((result) => result.status === 'fail')).toEqual([]);
    expect(byId(results)['tls']?.detail).toMatch(/pinned fingerprint matches/);
  });

  it('self-signed certificate without a pin: not trusted, remedy suggests pinning its fingerprint', async () => {
    const certificate = await makeCertificate();
    const gateway = await startScriptedGateway({ tls: certificate, onConnect: () => ({ ok: true, payload: helloOk }) });
    cleanups.push(gateway.close);
    const results = byId(await runDoctor({ url: gateway.url }));
    expect(results['tls']?.status).toBe('fail');
    expect(results['tls']?.remedy).toContain(`--tls-fingerprint sha256:${certificate.fingerprint256}`);
  });

  it('expired certificate: fails with the expiry date, even when pinned', async () => {
    const day = 86_400_000;
    const certificate = await makeCertificate({ notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - day) });
    const gateway = await startScriptedGateway({ tls: certificate, onConnect: () => ({ ok: true, payload: helloOk }) });
    cleanups.push(gateway.close);
    const results = byId(await runDoctor({ url: gateway.url, tlsFingerprint: certificate.fingerprint256 }));
    expect(results['tls']?.status).toBe('fail');
    expect(results['tls']?.detail).toMatch(/^certificate expired on \d{4}-/);
    expect(results['tls']?.remedy).toMatch(/Renew/);
  });

  it('a pin with ws:// is a configuration error', async () => {
    const gateway = await startScriptedGateway({ onConnect: () => ({ ok: true, payload: helloOk }) });
    cleanups.push(gateway.close);
    const results = byId(await runDoctor({ url: gateway.url, tlsFingerprint: 'ab'.repeat(32) }));
    expect(results['tls']?.status).toBe('fail');
    expect(results['gateway']?.status).toBe('skip');
  });
});
