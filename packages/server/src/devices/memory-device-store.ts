import type { PairingRequest } from '@gatewire/protocol';
import type { DeviceRecord, DeviceStore } from './device-store';

/** A {@link DeviceStore} in memory: pairings and pending requests last as long as the process. The default. */
export class MemoryDeviceStore implements DeviceStore {
  readonly #devices = new Map<string, DeviceRecord>();
  readonly #pending = new Map<string, PairingRequest>();

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    return this.#devices.get(deviceId);
  }

  async put(record: DeviceRecord): Promise<void> {
    this.#devices.set(record.deviceId, record);
  }

  async delete(deviceId: string): Promise<void> {
    this.#devices.delete(deviceId);
  }

  async list(): Promise<DeviceRecord[]> {
    return [...this.#devices.values()];
  }

  async getPending(requestId: string): Promise<PairingRequest | undefined> {
    return this.#pending.get(requestId);
  }

  async putPending(request: PairingRequest): Promise<void> {
    this.#pending.set(request.requestId, request);
  }

  async takePending(requestId: string): Promise<PairingRequest | undefined> {
    const request = this.#pending.get(requestId);
    this.#pending.delete(requestId);
    return request;
  }

  async listPending(): Promise<PairingRequest[]> {
    return [...this.#pending.values()];
  }
}
