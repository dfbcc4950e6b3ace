import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCodes } from '../src/exit-codes';
import { runCli, startCli, tempHome } from './helpers/spawn-cli';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function home(): Promise<string> {
  const created = await tempHome();
  cleanups.push(created.cleanup);
  return created.dir;
}

interface PairedJson {
  deviceId: string;
  label?: string;
  tokens?: Array<{ role: string; scopes: string[] }>;
}

describe('gatewire devices remove|rename|rotate|revoke (real binary)', () => {
  it('manages another device with --json, and exits 6 with DEVICE_NOT_FOUND for an unknown one', async () => {
    const adminHome = await home();
    const gateway = await startCli(['--port', '0', '--log-level', 'warn'], { GATEWIRE_HOME: adminHome });
    cleanups.push(gateway.stop);
    const admin = { GATEWIRE_HOME: adminHome };
    const cli = async (args: string[]) => runCli([...args, '--url', gateway.url], admin);
    const paired = async () => (JSON.parse((await cli(['devices', 'list', '--json'])).stdout) as { paired: PairedJson[] }).paired;
    const adminIds = (await paired()).map((device) => device.deviceId);

    // A second $GATEWIRE_HOME is a second device key; its first call pairs it silently (loopback).
    const token = (await readFile(join(adminHome, 'token'), 'utf8')).trim();
    const second = await runCli(['devices', 'list', '--url', gateway.url, '--token', token, '--json'], { GATEWIRE_HOME: await home() });
    expect(second.code).toBe(ExitCodes.OK);
    const deviceId = (await paired()).map((device) => device.deviceId).find((id) => !adminIds.includes(id)) as string;
    expect(deviceId).toMatch(/^[0-9a-f]{64}$/);

    const renamed = await cli(['devices', 'rename', deviceId, 'Build agent', '--json']);
    expect(renamed.code).toBe(ExitCodes.OK);
    expect(JSON.parse(renamed.stdout)).toEqual({ deviceId, label: 'Build agent' });

    const rotated = await cli(['devices', 'rotate', deviceId, '--scope', 'operator.read', '--json']);
    expect(rotated.code).toBe(ExitCodes.OK);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ deviceId, role: 'operator', token: expect.any(String), scopes: ['operator.read'], tokenDelivery: 'in-band' });
    const rotatedText = await cli(['devices', 'rotate', deviceId]);
    expect(rotatedText.stdout).toMatch(/^Rotated the operator token of device [0-9a-f]{64} \(scopes operator\.read\)\nNew token \(secret\): \S+\n$/);

    const revoked = await cli(['devices', 'revoke', deviceId, '--json']);
    expect(revoked.code).toBe(ExitCodes.OK);
    expect(JSON.parse(revoked.stdout)).toEqual({ deviceId, role: 'operator', revokedAtMs: expect.any(Number) });
    expect((await paired()).find((device) => device.deviceId === deviceId)).toMatchObject({ label: 'Build agent', tokens: [] });

    const removed = await cli(['devices', 'remove', deviceId, '--json']);
    expect(removed.code).toBe(ExitCodes.OK);
    expect(JSON.parse(removed.stdout)).toEqual({ deviceId, removedAtMs: expect.any(Number) });
    expect((await paired()).map((device) => device.deviceId)).toEqual(adminIds);

    const missing = await cli(['devices', 'remove', deviceId]);
    expect(missing.code).toBe(ExitCodes.REQUEST_FAILED);
    expect(missing.stderr).toMatch(/unknown device: [0-9a-f]{64} \[DEVICE_NOT_FOUND\]/);
  }, 120_000);
});
