import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileDeviceStore, type DeviceRecord } from '../src/index';
import { onCleanup } from './helpers/fixtures';

const RECORD: DeviceRecord = { deviceId: 'a'.repeat(64), publicKey: 'key', roles: ['operator'], scopes: ['operator.read'], approvedAtMs: 1, tokens: {} };
const OLD = `${JSON.stringify({ version: 1, devices: [], pending: [] })}\n`;

async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'gatewire-device-file-'));
  onCleanup(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

describe('FileDeviceStore on disk', () => {
  it('leaves the file 0600 after a write, even when the old file was 0644', async () => {
    const path = join(await temporaryDirectory(), 'devices.json');
    await writeFile(path, OLD);
    await chmod(path, 0o644);
    const store = new FileDeviceStore(path);
    await store.put(RECORD);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ devices: [RECORD] });
    expect(await new FileDeviceStore(path).get(RECORD.deviceId)).toEqual(RECORD);
  });

  it('keeps the old file when a write fails', async () => {
    const directory = await temporaryDirectory();
    // A valid 240-character name whose temporary sibling's name is too long: the write fails.
    const path = join(directory, `${'d'.repeat(235)}.json`);
    await writeFile(path, OLD, { mode: 0o600 });
    const store = new FileDeviceStore(path);
    await expect(store.put(RECORD)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
    expect(await readFile(path, 'utf8')).toBe(OLD);
    expect(await readdir(directory)).toHaveLength(1);
  });
});
