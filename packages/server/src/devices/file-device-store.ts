import type { PairingRequest } from '@gatewire/protocol';
import { JsonFileState } from '../storage/json-file';
import type { DeviceRecord, DeviceStore } from './device-store';

interface FileContents {
  readonly version: 1;
  readonly devices: DeviceRecord[];
  /** Pending pairing requests (absent in files written before they were kept here). */
  readonly pending?: PairingRequest[];
}

interface Contents {
  readonly devices: Map<string, DeviceRecord>;
  readonly pending: Map<string, PairingRequest>;
}

function parse(contents: unknown): Contents {
  const { devices, pending } = (contents as Partial<FileContents> | undefined) ?? {};
  return {
    devices: new Map((Array.isArray(devices) ? devices : []).map((device) => [device.deviceId, device])),
    pending: new Map((Array.isArray(pending) ? pending : []).map((request) => [request.requestId, request])),
  };
}

function serialize(contents: Contents): FileContents {
  return { version: 1, devices: [...contents.devices.values()], pending: [...contents.pending.values()] };
}

/**
 * A {@link DeviceStore} in one JSON file: paired devices and pending pairing requests. Every change
 * rewrites the file atomically (a temporary file with mode 0600 in the same directory, then
 * `rename`), so a crash never leaves half a file and the tokens' hashes are readable by the owner
 * only. Changes are serialized (so {@link FileDeviceStore.takePending} is atomic within the
 * process; one file serves one gateway process).
 */
export class FileDeviceStore implements DeviceStore {
  readonly #file: JsonFileState<Contents>;

  constructor(path: string) {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError('FileDeviceStore needs a file path');
    this.#file = new JsonFileState(path, parse, serialize);
  }

  /** The file this store writes. */
  get path(): string {
    return this.#file.path;
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    return (await this.#file.read()).devices.get(deviceId);
  }

  async list(): Promise<DeviceRecord[]> {
    return [...(await this.#file.read()).devices.values()];
  }

  put(record: DeviceRecord): Promise<void> {
    return this.#file.change(({ devices }) => void devices.set(record.deviceId, record));
  }

  delete(deviceId: string): Promise<void> {
    return this.#file.change(({ devices }) => void devices.delete(deviceId));
  }

  async getPending(requestId: string): Promise<PairingRequest | undefined> {
    return (await this.#file.read()).pending.get(requestId);
  }

  async listPending(): Promise<PairingRequest[]> {
    return [...(await this.#file.read()).pending.values()];
  }

  putPending(request: PairingRequest): Promise<void> {
    return this.#file.change(({ pending }) => void pending.set(request.requestId, request));
  }

  takePending(requestId: string): Promise<PairingRequest | undefined> {
    return this.#file.change(({ pending }) => {
      const taken = pending.get(requestId);
      pending.delete(requestId);
      return taken;
    });
  }
}
