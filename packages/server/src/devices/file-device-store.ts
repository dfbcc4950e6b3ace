import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeviceRecord, DeviceStore } from './device-store';

interface FileContents {
  readonly version: 1;
  readonly devices: DeviceRecord[];
}

/**
 * A {@link DeviceStore} in one JSON file. Every change rewrites the file atomically (a temporary
 * file with mode 0600 in the same directory, then `rename`), so a crash never leaves half a file
 * and the tokens' hashes are readable by the owner only. Writes are serialized.
 */
export class FileDeviceStore implements DeviceStore {
  readonly #path: string;
  #devices: Map<string, DeviceRecord> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError('FileDeviceStore needs a file path');
    this.#path = path;
  }

  /** The file this store writes. */
  get path(): string {
    return this.#path;
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    return (await this.#load()).get(deviceId);
  }

  async list(): Promise<DeviceRecord[]> {
    return [...(await this.#load()).values()];
  }

  put(record: DeviceRecord): Promise<void> {
    return this.#change((devices) => devices.set(record.deviceId, record));
  }

  delete(deviceId: string): Promise<void> {
    return this.#change((devices) => devices.delete(deviceId));
  }

  async #load(): Promise<Map<string, DeviceRecord>> {
    if (this.#devices) return this.#devices;
    let devices: DeviceRecord[] = [];
    try {
      const parsed = JSON.parse(await readFile(this.#path, 'utf8')) as Partial<FileContents>;
      if (Array.isArray(parsed.devices)) devices = parsed.devices;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#devices ??= new Map(devices.map((device) => [device.deviceId, device]));
    return this.#devices;
  }

  #change(mutate: (devices: Map<string, DeviceRecord>) => unknown): Promise<void> {
    const run = this.#queue.then(async () => {
      const devices = await this.#load();
      mutate(devices);
      await this.#write({ version: 1, devices: [...devices.values()] });
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async #write(contents: FileContents): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
    const temporary = `${this.#path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, this.#path);
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
  }
}
