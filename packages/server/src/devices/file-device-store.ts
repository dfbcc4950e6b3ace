import { JsonFileState } from '../storage/json-file';
import type { DeviceRecord, DeviceStore } from './device-store';

interface FileContents {
  readonly version: 1;
  readonly devices: DeviceRecord[];
}

function parse(contents: unknown): Map<string, DeviceRecord> {
  const devices = (contents as Partial<FileContents> | undefined)?.devices;
  return new Map((Array.isArray(devices) ? devices : []).map((device) => [device.deviceId, device]));
}

function serialize(devices: Map<string, DeviceRecord>): FileContents {
  return { version: 1, devices: [...devices.values()] };
}

/**
 * A {@link DeviceStore} in one JSON file. Every change rewrites the file atomically (a temporary
 * file with mode 0600 in the same directory, then `rename`), so a crash never leaves half a file
 * and the tokens' hashes are readable by the owner only. Writes are serialized.
 */
export class FileDeviceStore implements DeviceStore {
  readonly #file: JsonFileState<Map<string, DeviceRecord>>;

  constructor(path: string) {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError('FileDeviceStore needs a file path');
    this.#file = new JsonFileState(path, parse, serialize);
  }

  /** The file this store writes. */
  get path(): string {
    return this.#file.path;
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    return (await this.#file.read()).get(deviceId);
  }

  async list(): Promise<DeviceRecord[]> {
    return [...(await this.#file.read()).values()];
  }

  put(record: DeviceRecord): Promise<void> {
    return this.#file.change((devices) => void devices.set(record.deviceId, record));
  }

  delete(deviceId: string): Promise<void> {
    return this.#file.change((devices) => void devices.delete(deviceId));
  }
}
